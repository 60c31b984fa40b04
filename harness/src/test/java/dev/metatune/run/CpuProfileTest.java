package dev.metatune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuProfileTest {

    private static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC 9B14
            flags\t\t: fpu sse4_2 avx fma avx2 avx512f avx512bw avx512vl avx512_bf16 hypervisor
            
            processor\t: 1
            model name\t: AMD EPYC 9B14
            flags\t\t: fpu sse4_2
            """;

    @Test
    void readsTheFirstProcessorsModelAndItsVectorExtensionsInAFixedOrder() {
        CpuProfile cpu = CpuProfile.fromCpuinfo(CPUINFO, 1, Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"));
        assertEquals("AMD EPYC 9B14", cpu.model());
        assertEquals(List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_bf16"),
                cpu.vectorExtensions());
        assertEquals(1, cpu.engineThreads());
        assertEquals(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"), cpu.kernelSettings());
    }

    @Test
    void kernelSettingsAreKeptInNameOrderSoProvenanceReadsTheSameEveryTime() {
        CpuProfile cpu = CpuProfile.fromCpuinfo(CPUINFO, 1, Map.of("ONEDNN_MAX_CPU_ISA", "AVX2", "ATEN_CPU_CAPABILITY", "avx2",
                "MKL_CBWR", "AVX2"));
        assertEquals(List.of("ATEN_CPU_CAPABILITY", "MKL_CBWR", "ONEDNN_MAX_CPU_ISA"), List.copyOf(cpu.kernelSettings().keySet()));
    }

    @Test
    void aSystemWithoutCpuinfoGivesAnUnknownModelAndNoExtensions() {
        CpuProfile cpu = CpuProfile.fromCpuinfo("", 0, Map.of());
        assertEquals("unknown", cpu.model());
        assertTrue(cpu.vectorExtensions().isEmpty());
    }

    @Test
    void thisProcessHasAProfileAndProvenanceCarriesItThroughJson() {
        CpuProfile cpu = CpuProfile.ofThisProcess();
        assertFalse(cpu.model().isEmpty());
        Provenance p = new Provenance("abc", "17", "0.35.1", "PyTorch 2.7.1", "Linux", "cpu()", cpu, "s", "f".repeat(64),
                List.of(1L), "2024-01-01T00:00:00Z");
        assertEquals(p, Provenance.fromJson(p.toJson()));
        assertTrue(p.toJson().contains("\"cpu_vector_extensions\""), p.toJson());
    }

    @Test
    void provenanceStoredBeforeProcessorsWereRecordedReadsAsUnrecorded() {
        String before = """
                {"git_commit": "abc", "java": "17", "djl": "0.35.1", "pytorch": "PyTorch 2.7.1", "os": "Linux",
                 "device": "cpu()", "suite": "s", "suite_sha256": "ff", "seeds": [1], "started_at": "2024-01-01T00:00:00Z"}
                """;
        Provenance p = Provenance.fromJson(before);
        assertEquals("unrecorded", p.cpu().model());
        assertFalse(p.cpu().recorded());
        assertEquals("s", p.suiteName());
        assertFalse(p.toJson().contains("\"cpu\"") || p.toJson().contains("engine_threads"),
                "an old run's provenance is written as it was: " + p.toJson());
        assertEquals(p, Provenance.fromJson(p.toJson()));
    }
}
