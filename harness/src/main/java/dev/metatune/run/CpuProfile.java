package dev.metatune.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What of the processor a run's numbers depend on. PyTorch's CPU kernels pick their vector
 * instructions by the processor they find (oneDNN's convolutions use AVX-512 where there is AVX-512,
 * AVX2 elsewhere), and kernels of different widths add floats in different orders: the same commit,
 * suite and seed give numbers a point apart on two machines (README, "Reproducibility"). So a run
 * records the processor's model, the vector extensions the kernels choose among, the engine's
 * intra-op threads and the environment settings that hold the kernels to narrower instructions.
 *
 * @param model            the processor's model name ({@code unknown} where the system does not say)
 * @param vectorExtensions the extensions of {@link #KNOWN_EXTENSIONS} the processor has, in that order
 * @param engineThreads    the PyTorch intra-op threads the launcher gave this process, {@code 0} if it gave none
 * @param kernelSettings   the settings of {@link #KERNEL_SETTINGS} in the environment, by name (in name order)
 */
public record CpuProfile(String model, List<String> vectorExtensions, int engineThreads, Map<String, String> kernelSettings) {

    /** The vector extensions among which PyTorch's CPU kernels (ATen, oneDNN, MKL) choose, narrowest first. */
    public static final List<String> KNOWN_EXTENSIONS = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw",
            "avx512vl", "avx512_vnni", "avx512_bf16", "amx_tile");

    /** The environment variables that hold PyTorch's kernels to given instructions or given results. */
    public static final List<String> KERNEL_SETTINGS = List.of("ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA",
            "ATEN_CPU_CAPABILITY", "MKL_ENABLE_INSTRUCTIONS", "MKL_CBWR");

    /** The system property through which the launcher gives PyTorch its intra-op threads. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    public CpuProfile {
        Objects.requireNonNull(model, "model");
        vectorExtensions = List.copyOf(vectorExtensions);
        kernelSettings = Collections.unmodifiableMap(new TreeMap<>(kernelSettings));
    }

    /** The profile of this process: the processor from {@code /proc/cpuinfo}, threads and settings from the launcher. */
    public static CpuProfile ofThisProcess() {
        String cpuinfo;
        try {
            cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | SecurityException e) {
            cpuinfo = "";
        }
        Map<String, String> settings = new TreeMap<>();
        for (String name : KERNEL_SETTINGS) {
            String value = System.getenv(name);
            if (value != null) {
                settings.put(name, value);
            }
        }
        return fromCpuinfo(cpuinfo, threads(System.getProperty(THREADS_PROPERTY)), settings);
    }

    /**
     * The profile that a {@code /proc/cpuinfo} text describes (its first processor's model and flags).
     *
     * @param cpuinfo        the text; empty where there is none
     * @param engineThreads  the intra-op threads, {@code 0} if unknown
     * @param kernelSettings the kernel settings in force
     */
    static CpuProfile fromCpuinfo(String cpuinfo, int engineThreads, Map<String, String> kernelSettings) {
        String model = "unknown";
        Set<String> flags = Set.of();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown") && !value.isEmpty()) {
                model = value;
            } else if (key.equals("flags") && flags.isEmpty()) {
                flags = Arrays.stream(value.split("\\s+")).collect(Collectors.toSet());
            }
        }
        List<String> present = new ArrayList<>();
        for (String extension : KNOWN_EXTENSIONS) {
            if (flags.contains(extension)) {
                present.add(extension);
            }
        }
        return new CpuProfile(model, present, engineThreads, kernelSettings);
    }

    /** The model of a profile read back from a run stored before processors were recorded. */
    static final String UNRECORDED = "unrecorded";

    /** A profile read back from a run stored before processors were recorded. */
    static CpuProfile unrecorded() {
        return new CpuProfile(UNRECORDED, List.of(), 0, Map.of());
    }

    /**
     * Whether the run recorded its processor. A run stored before processors were recorded did not,
     * and its provenance and report are written as they were then.
     */
    public boolean recorded() {
        return !model.equals(UNRECORDED);
    }

    private static int threads(String property) {
        if (property == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(property.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
