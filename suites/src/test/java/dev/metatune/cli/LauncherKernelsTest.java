package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's {@code METATUNE_KERNELS}: {@code portable} holds PyTorch's CPU kernels to AVX2 through
 * the environment of the JVM it starts, {@code native} leaves that environment alone, and any other
 * value is bad input. A stand-in "java" prints the settings it was started with, so nothing is built.
 */
class LauncherKernelsTest {

    private static final Path LAUNCHER = Path.of("..", "metatune").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {
    }

    private Outcome launch(String kernels) throws IOException, InterruptedException {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"ONEDNN=${ONEDNN_MAX_CPU_ISA:-unset} ATEN=${ATEN_CPU_CAPABILITY:-unset}"
                + " MKL=${MKL_CBWR:-unset}\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("bash", LAUNCHER.toString(), "list");
        Map<String, String> env = builder.environment();
        env.remove("ONEDNN_MAX_CPU_ISA");
        env.remove("ATEN_CPU_CAPABILITY");
        env.remove("MKL_CBWR");
        env.put("METATUNE_JAVA", java.toString());
        env.put("METATUNE_JAR", java.toString());
        if (kernels != null) {
            env.put("METATUNE_KERNELS", kernels);
        }
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new Outcome(p.exitValue(), out, err);
    }

    @Test
    void portableKernelsHoldOneDnnAtenAndMklToAvx2() throws Exception {
        Outcome o = launch("portable");
        assertEquals(0, o.exitCode(), o.err());
        assertEquals("ONEDNN=AVX2 ATEN=avx2 MKL=AVX2", o.out().trim());
    }

    @Test
    void nativeKernelsAreTheDefaultAndSetNothing() throws Exception {
        assertEquals("ONEDNN=unset ATEN=unset MKL=unset", launch(null).out().trim());
        assertEquals("ONEDNN=unset ATEN=unset MKL=unset", launch("native").out().trim());
    }

    @Test
    void anotherValueIsBadInputThatNamesTheSettingAndTheValue() throws Exception {
        Outcome o = launch("fast");
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains("METATUNE_KERNELS") && o.err().contains("'fast'"), o.err());
        assertFalse(o.out().contains("ONEDNN="), "the JVM must not start: " + o.out());
    }
}
