package dev.metatune.run;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run's numbers come from: the code (git commit), the software (Java, DJL, PyTorch), the
 * machine (OS, device, and the processor the CPU kernels chose their instructions by), the suite (its
 * content hash) and the seeds. Collected once when a run starts, stored with the run, and written as
 * {@code provenance.json}.
 */
public record Provenance(String gitCommit, String javaVersion, String djlVersion, String pytorchVersion, String os,
                         String device, CpuProfile cpu, String suiteName, String suiteSha256, List<Long> seeds,
                         String startedAt) {

    public Provenance {
        Objects.requireNonNull(gitCommit, "gitCommit");
        Objects.requireNonNull(cpu, "cpu");
        seeds = List.copyOf(seeds);
    }

    /**
     * Collects the provenance of this process.
     *
     * @param workingTree a folder inside the git checkout the code was built from (its commit is read with git)
     * @param engine      the DJL engine the run uses (for the PyTorch version)
     */
    public static Provenance collect(Path workingTree, Engine engine, String device, String suiteName, String suiteSha256,
                                     List<Long> seeds, String startedAt) {
        return new Provenance(GitCommit.of(workingTree), System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")", Engine.getDjlVersion(), engine.getEngineName() + " "
                + engine.getVersion(), System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"), device, CpuProfile.ofThisProcess(), suiteName, suiteSha256, seeds,
                startedAt);
    }

    /** The fields in a fixed order, for JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("git_commit", gitCommit);
        m.put("java", javaVersion);
        m.put("djl", djlVersion);
        m.put("pytorch", pytorchVersion);
        m.put("os", os);
        m.put("device", device);
        if (cpu.recorded()) {
            m.put("cpu", cpu.model());
            m.put("cpu_vector_extensions", cpu.vectorExtensions());
            m.put("engine_threads", cpu.engineThreads());
            m.put("cpu_kernel_settings", cpu.kernelSettings());
        }
        m.put("suite", suiteName);
        m.put("suite_sha256", suiteSha256);
        m.put("seeds", seeds);
        m.put("started_at", startedAt);
        return m;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(asMap()) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("provenance could not be serialised", e);
        }
    }

    public static Provenance fromJson(String json) {
        try {
            Map<?, ?> m = new ObjectMapper().readValue(json, Map.class);
            List<Long> seeds = ((List<?>) m.get("seeds")).stream().map(s -> ((Number) s).longValue()).toList();
            return new Provenance(str(m, "git_commit"), str(m, "java"), str(m, "djl"), str(m, "pytorch"), str(m, "os"),
                    str(m, "device"), cpu(m), str(m, "suite"), str(m, "suite_sha256"), seeds, str(m, "started_at"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("stored provenance is not valid JSON of the expected form: " + e.getMessage(), e);
        }
    }

    /** The processor as stored; runs stored before processors were recorded have none. */
    private static CpuProfile cpu(Map<?, ?> m) {
        if (!m.containsKey("cpu")) {
            return CpuProfile.unrecorded();
        }
        List<String> extensions = m.get("cpu_vector_extensions") instanceof List<?> l
                ? l.stream().map(Object::toString).toList() : List.of();
        int threads = m.get("engine_threads") instanceof Number n ? n.intValue() : 0;
        Map<String, String> settings = new java.util.TreeMap<>();
        if (m.get("cpu_kernel_settings") instanceof Map<?, ?> k) {
            k.forEach((name, value) -> settings.put(name.toString(), String.valueOf(value)));
        }
        return new CpuProfile(str(m, "cpu"), extensions, threads, settings);
    }

    private static String str(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : v.toString();
    }
}
