package dev.metatune.hpo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.space.Distribution;
import dev.metatune.testing.Environment;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Optuna ({@code python3-optuna}, run by {@code /usr/bin/python3}) as a peer of the
 * tests: runs {@code src/test/python/optuna_peer.py} on a storage and compares what Optuna sees
 * with what Metatune reads. Without the package the tests are skipped, and fail in CI.
 */
final class OptunaPeer {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private OptunaPeer() {
    }

    /** Skips the test (fails it in CI) unless {@code /usr/bin/python3} imports every module named. */
    static void require(String... modules) {
        String why = null;
        if (!Files.isExecutable(PYTHON)) {
            why = PYTHON + " is missing";
        } else {
            for (String m : modules) {
                try {
                    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + m).redirectErrorStream(true).start();
                    p.getInputStream().readAllBytes();
                    if (p.waitFor() != 0) {
                        why = "python module '" + m + "' is missing";
                        break;
                    }
                } catch (IOException e) {
                    why = "cannot run " + PYTHON + ": " + e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        if (why != null) {
            String how = "; install it with: apt-get install -y python3-optuna python3-plotly python3-sklearn python3-psycopg2";
            if (Environment.inCi()) {
                Assertions.fail("the Optuna interoperability tests cannot run in CI: " + why + how);
            }
            Assumptions.abort("Optuna interoperability test skipped: " + why + how);
        }
    }

    static Path script() {
        for (String p : List.of("src/test/python/optuna_peer.py", "harness/src/test/python/optuna_peer.py")) {
            if (Files.isRegularFile(Path.of(p))) {
                return Path.of(p).toAbsolutePath();
            }
        }
        throw new IllegalStateException("optuna_peer.py not found from " + Path.of("").toAbsolutePath());
    }

    /** The SQLAlchemy URL Optuna opens for a JDBC URL of the tests (SQLite file, or PostgreSQL with its schema). */
    static String sqlalchemyUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return "sqlite:///" + SchemaMigration.sqliteFile(jdbcUrl);
        }
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        String query = rest.contains("?") ? rest.substring(rest.indexOf('?') + 1) : "";
        String hostDb = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        Map<String, String> q = new LinkedHashMap<>();
        for (String kv : query.split("&")) {
            if (kv.contains("=")) {
                q.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        String auth = q.containsKey("user") ? q.get("user") + (q.containsKey("password") ? ":" + q.get("password") : "") + "@" : "";
        String options = q.containsKey("currentSchema")
                ? "?options=" + URLEncoder.encode("-csearch_path=" + q.get("currentSchema"), StandardCharsets.UTF_8) : "";
        return "postgresql+psycopg2://" + auth + hostDb + options;
    }

    /** Starts the peer: {@code optuna_peer.py COMMAND URL STUDY ARGS...}, its output to {@code log}. */
    static Process start(Path log, String command, String jdbcUrl, String study, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script().toString(), command,
                sqlalchemyUrl(jdbcUrl), study));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(log.toFile())
                .redirectError(log.resolveSibling(log.getFileName() + ".err").toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        // Optuna writes start and completion times in its local time, Metatune in UTC: compare them in UTC
        pb.environment().put("TZ", "UTC");
        return pb.start();
    }

    /** Runs the peer to its end and returns its JSON output, parsed. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> run(Path dir, String command, String jdbcUrl, String study, String... args) throws Exception {
        Path log = Files.createTempFile(dir, "optuna-" + command, ".json");
        Process p = start(log, command, jdbcUrl, study, args);
        return (Map<String, Object>) finish(p, log);
    }

    static Object finish(Process p, Path log) throws Exception {
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String err = Files.readString(log.resolveSibling(log.getFileName() + ".err"));
        assertTrue(done, "the Optuna peer did not finish in 300 s:\n" + err);
        assertEquals(0, p.exitValue(), "the Optuna peer failed:\n" + err);
        return JsonValues.read(Files.readString(log));
    }

    /** Optuna's trials of a dump, by number. */
    @SuppressWarnings("unchecked")
    static Map<Integer, Map<String, Object>> trials(Map<String, Object> dump) {
        Map<Integer, Map<String, Object>> out = new TreeMap<>();
        for (Object o : (List<Object>) dump.get("trials")) {
            Map<String, Object> t = (Map<String, Object>) o;
            out.put(((Number) t.get("number")).intValue(), t);
        }
        return out;
    }

    /**
     * Asserts that Optuna sees {@code expected} (Metatune's trials) exactly: numbers, states, values,
     * parameters and their distributions, intermediate values, user attributes, system attributes
     * (Metatune's fail reason and per-instance values among them) and start and end times.
     */
    @SuppressWarnings("unchecked")
    static void assertSameTrials(List<FrozenTrial> expected, Map<String, Object> dump) {
        Map<Integer, Map<String, Object>> seen = trials(dump);
        assertEquals(expected.stream().map(FrozenTrial::number).toList(), List.copyOf(seen.keySet()), "trial numbers");
        for (FrozenTrial t : expected) {
            Map<String, Object> o = seen.get(t.number());
            String where = "trial " + t.number() + ": ";
            assertEquals(t.state().name(), o.get("state"), where + "state");
            assertEquals(String.valueOf(t.value()), String.valueOf(o.get("value") == null ? null
                    : ((Number) o.get("value")).doubleValue()), where + "value");
            assertEquals(JsonValues.normalize(t.params()), o.get("params"), where + "params");
            Map<String, Distribution> dists = new LinkedHashMap<>();
            ((Map<String, Object>) o.get("distributions")).forEach((k, v) ->
                    dists.put(k, DistributionCodec.fromJson(JsonValues.write(v))));
            assertEquals(t.distributions(), dists, where + "distributions");
            Map<Long, String> iv = new TreeMap<>();
            ((Map<String, Object>) o.get("intermediate_values")).forEach((k, v) ->
                    iv.put(Long.parseLong(k), String.valueOf(((Number) v).doubleValue())));
            Map<Long, String> mine = new TreeMap<>();
            t.intermediateValues().forEach((k, v) -> mine.put(k, String.valueOf(v)));
            assertEquals(mine, iv, where + "intermediate values");
            assertEquals(JsonValues.normalize(t.userAttrs()), o.get("user_attrs"), where + "user attrs");
            Map<String, Object> system = new LinkedHashMap<>((Map<String, Object>) o.get("system_attrs"));
            assertEquals(t.failReason(), system.remove(JdbcSchema.FAIL_REASON_KEY), where + "fail reason");
            Map<Long, String> instances = new TreeMap<>();
            system.keySet().removeIf(k -> {
                if (k.startsWith(JdbcSchema.INSTANCE_VALUES_PREFIX)) {
                    List<Double> values = new ArrayList<>();
                    for (Object x : (List<Object>) system.get(k)) {
                        values.add(x == null ? Double.NaN : ((Number) x).doubleValue());
                    }
                    instances.put(Long.parseLong(k.substring(JdbcSchema.INSTANCE_VALUES_PREFIX.length())), values.toString());
                    return true;
                }
                return false;
            });
            Map<Long, String> myInstances = new TreeMap<>();
            t.instanceValues().forEach((k, v) -> myInstances.put(k, v.toString()));
            assertEquals(myInstances, instances, where + "per-instance values");
            assertEquals(JsonValues.normalize(t.systemAttrs()), system, where + "system attrs");
            assertEquals(String.valueOf(t.start()), String.valueOf(time(o.get("datetime_start"))), where + "start");
            assertEquals(String.valueOf(t.complete()), String.valueOf(time(o.get("datetime_complete"))), where + "complete");
        }
    }

    private static Object time(Object iso) {
        return iso == null ? null : LocalDateTime.parse((String) iso).toInstant(ZoneOffset.UTC);
    }
}
