package dev.metatune.hpo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.error.UserInputException;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.Study;
import dev.metatune.hpo.TrialState;
import dev.metatune.hpo.sampler.RandomSampler;
import dev.metatune.hpo.storage.InMemoryStorage;
import dev.metatune.space.Distribution;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Optuna peer of the HPO benchmark: runs a real Optuna (Debian's {@code python3-optuna}) on the
 * benchmark functions, with the same search spaces (bounds, log scales, steps, choices, in the
 * same order) and the same seeds, through the script {@code optuna_peer.py} shipped beside this
 * class. The script defines each function again by name; before optimising it checks its
 * definition against values Metatune computed at a few random points, so both sides optimise the
 * same function. Every Optuna sampler runs with its defaults and the seed as its only argument.
 * Rows come back with the sampler named {@code optuna-NAME}.
 */
public final class OptunaPeer {

    /** The Optuna samplers the peer compares, as the script names them. */
    public static final List<String> SAMPLERS = List.of("tpe", "tpe-multivariate", "cmaes");

    /** Prefix of the peer's sampler names in the rows. */
    public static final String PREFIX = "optuna-";

    /** The interpreter Debian's package installs Optuna for. */
    public static final Path DEFAULT_PYTHON = Path.of("/usr/bin/python3");

    /** Points per function at which the script's definition is checked. */
    private static final int CHECKS = 5;

    private final Path python;

    /** What the peer ran: Optuna's version and one row per (function, sampler). */
    public record Result(String optunaVersion, List<HpoBenchmark.RegretRow> rows) {
    }

    /** @param python the Python interpreter that has {@code optuna} */
    public OptunaPeer(Path python) {
        if (python == null) {
            throw new IllegalArgumentException("python must be set");
        }
        this.python = python;
    }

    /**
     * Runs the peer's samplers ({@link #SAMPLERS} names) on the functions over seeds 0..seeds-1.
     *
     * @throws UserInputException when the interpreter or Optuna is missing, or the script fails
     */
    public Result regretTable(List<BenchmarkFunction> functions, List<String> samplers, int seeds, int trials)
            throws IOException {
        if (seeds < 1 || trials < 1) {
            throw new IllegalArgumentException("seeds and trials must be >= 1, got seeds " + seeds + ", trials " + trials);
        }
        for (String s : samplers) {
            if (!SAMPLERS.contains(s)) {
                throw new IllegalArgumentException("unknown Optuna peer sampler '" + s + "'; known: " + SAMPLERS);
            }
        }
        if (!Files.isExecutable(python)) {
            throw new UserInputException("--peer optuna needs Python with Optuna at " + python
                    + "; install it with 'apt-get install -y python3-optuna'");
        }
        Path script = Files.createTempFile("optuna_peer", ".py");
        try {
            try (InputStream in = OptunaPeer.class.getResourceAsStream("optuna_peer.py")) {
                if (in == null) {
                    throw new IllegalStateException("optuna_peer.py is missing from the class path");
                }
                Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return run(script, spec(functions, samplers, seeds, trials), functions, samplers, seeds, trials);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private Result run(Path script, byte[] spec, List<BenchmarkFunction> functions, List<String> samplers, int seeds,
            int trials) throws IOException {
        Process p = new ProcessBuilder(python.toString(), script.toString()).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        try (OutputStream in = p.getOutputStream()) {
            in.write(spec);
        }
        String version = null;
        Map<String, double[]> best = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("optuna ")) {
                    version = line.substring(7).trim();
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4) {
                    throw new IOException("unexpected line from optuna_peer.py: " + line);
                }
                best.computeIfAbsent(f[0] + "\t" + f[1], k -> new double[seeds])[Integer.parseInt(f[2])] =
                        Double.parseDouble(f[3]);
            }
        }
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Optuna ran", e);
        }
        if (rc != 0) {
            String err = stderr.join().strip();
            throw new UserInputException("the Optuna peer failed (exit " + rc + "): " + err
                    + (rc == 3 ? "" : "; is python3-optuna installed?"));
        }
        List<HpoBenchmark.RegretRow> rows = new ArrayList<>();
        for (BenchmarkFunction f : functions) {
            for (String s : samplers) {
                double[] values = best.get(f.name() + "\t" + s);
                if (values == null) {
                    throw new IOException("optuna_peer.py returned nothing for " + f.name() + " with " + s);
                }
                double[] regret = new double[seeds];
                for (int i = 0; i < seeds; i++) {
                    regret[i] = values[i] - f.minimum();
                }
                rows.add(HpoBenchmark.row(f.name(), PREFIX + s, trials, regret));
            }
        }
        return new Result(version, rows);
    }

    /** The script's input: spaces in suggestion order, and check points with Metatune's values. */
    static byte[] spec(List<BenchmarkFunction> functions, List<String> samplers, int seeds, int trials) throws IOException {
        List<Object> fns = new ArrayList<>();
        for (BenchmarkFunction f : functions) {
            List<Object> space = new ArrayList<>();
            f.space().forEach((name, d) -> space.add(describe(name, d)));
            Study study = Study.builder(new InMemoryStorage(), f.name()).setSampler(new RandomSampler(12345)).create();
            study.optimize(f::evaluate, CHECKS);
            List<Object> checks = new ArrayList<>();
            for (FrozenTrial t : study.trials()) {
                if (t.state() == TrialState.COMPLETE) {
                    checks.add(Map.of("params", t.params(), "value", t.value()));
                }
            }
            Map<String, Object> fn = new LinkedHashMap<>();
            fn.put("name", f.name());
            fn.put("space", space);
            fn.put("checks", checks);
            fns.add(fn);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("seeds", seeds);
        spec.put("trials", trials);
        spec.put("samplers", samplers);
        spec.put("functions", fns);
        return new ObjectMapper().writeValueAsBytes(spec);
    }

    private static Map<String, Object> describe(String name, Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (d instanceof Distribution.FloatRange f) {
            m.put("type", "float");
            m.put("low", f.low());
            m.put("high", f.high());
            m.put("log", f.log());
            m.put("step", f.step() > 0 ? f.step() : null);
        } else if (d instanceof Distribution.IntRange i) {
            m.put("type", "int");
            m.put("low", i.low());
            m.put("high", i.high());
            m.put("log", i.log());
            m.put("step", i.step());
        } else {
            m.put("type", "categorical");
            m.put("choices", ((Distribution.Categorical) d).choices());
        }
        return m;
    }
}
