package dev.metatune.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The peak resident memory of this process (Linux's {@code VmHWM} in {@code /proc/self/status}): the
 * Java heap, the engine's native tensors and the loaded libraries together, at their highest so far.
 */
final class PeakResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakResidentMemory() {
    }

    /** The peak in MiB, or empty where the system does not report it. */
    static OptionalLong mebibytes() {
        if (!Files.isReadable(STATUS)) {
            return OptionalLong.empty();
        }
        try {
            return parse(Files.readAllLines(STATUS));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The {@code VmHWM} line of a status file's lines, in MiB (the file gives kB). */
    static OptionalLong parse(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]) / 1024);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
