package dev.metatune.hpo.storage;

import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.TrialState;
import dev.metatune.space.Distribution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads trials, with everything attached to them, from Optuna's tables ({@link JdbcSchema}): the
 * value of objective 0, parameters (external values from {@code param_value} through the
 * distribution), intermediate values, attributes; Metatune's reserved system attributes (fail
 * reason, per-instance values) go to their own fields instead of {@code systemAttrs}.
 */
final class JdbcTrialReader {

    private static final class Parts {
        long trialId;
        int number;
        TrialState state;
        Double value;
        String failReason;
        Instant start;
        Instant complete;
        final Map<String, Object> params = new LinkedHashMap<>();
        final Map<String, Distribution> distributions = new LinkedHashMap<>();
        final TreeMap<Long, Double> intermediate = new TreeMap<>();
        final Map<Long, List<Double>> instances = new TreeMap<>();
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();

        FrozenTrial freeze() {
            instances.keySet().retainAll(intermediate.keySet());
            return new FrozenTrial(trialId, number, state, value, params, distributions, intermediate, instances,
                    userAttrs, systemAttrs, failReason, start, complete);
        }
    }

    private JdbcTrialReader() {
    }

    /** The trials selected by {@code where} (on table alias t, one long parameter), by number. */
    static List<FrozenTrial> read(Connection c, DatabaseTimes times, String where, long key) throws SQLException {
        Map<Long, Parts> byId = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.trial_id, t.number, t.state, v.value, v.value_type,"
                + " t.datetime_start, t.datetime_complete FROM trials t"
                + " LEFT JOIN trial_values v ON v.trial_id = t.trial_id AND v.objective = 0"
                + " WHERE " + where + " ORDER BY t.number, t.trial_id")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Parts p = new Parts();
                    p.trialId = rs.getLong(1);
                    p.number = rs.getInt(2);
                    p.state = TrialState.valueOf(rs.getString(3));
                    double v = rs.getDouble(4);
                    boolean missing = rs.wasNull();
                    p.value = special(rs.getString(5), missing ? null : v);
                    p.start = times.read(rs, 6);
                    p.complete = times.read(rs, 7);
                    byId.put(p.trialId, p);
                }
            }
        }
        if (byId.isEmpty()) {
            return List.of();
        }
        each(c, "SELECT x.trial_id, x.param_name, x.distribution_json, x.param_value FROM trial_params x", "param_id",
                where, key, (rs, p) -> {
                    Distribution dist = DistributionCodec.fromJson(rs.getString(3));
                    p.distributions.put(rs.getString(2), dist);
                    p.params.put(rs.getString(2), dist.toExternal(rs.getDouble(4)));
                }, byId);
        each(c, "SELECT x.trial_id, x.step, x.intermediate_value, x.intermediate_value_type FROM trial_intermediate_values x", "step",
                where, key, (rs, p) -> {
                    double v = rs.getDouble(3);
                    Double stored = rs.wasNull() ? null : v;
                    Double value = special(rs.getString(4), stored);
                    p.intermediate.put(rs.getLong(2), value == null ? Double.NaN : value);
                }, byId);
        each(c, "SELECT x.trial_id, x.\"key\", x.value_json FROM trial_user_attributes x", "trial_user_attribute_id", where, key,
                (rs, p) -> p.userAttrs.put(rs.getString(2), JsonValues.read(rs.getString(3))), byId);
        each(c, "SELECT x.trial_id, x.\"key\", x.value_json FROM trial_system_attributes x", "trial_system_attribute_id", where, key,
                (rs, p) -> system(p, rs.getString(2), JsonValues.read(rs.getString(3))), byId);
        List<FrozenTrial> out = new ArrayList<>(byId.size());
        for (Parts p : byId.values()) {
            out.add(p.freeze());
        }
        return out;
    }

    private static void system(Parts p, String key, Object value) {
        if (key.equals(JdbcSchema.FAIL_REASON_KEY)) {
            p.failReason = value == null ? null : value.toString();
        } else if (key.startsWith(JdbcSchema.INSTANCE_VALUES_PREFIX) && value instanceof List<?> list) {
            try {
                p.instances.put(Long.parseLong(key.substring(JdbcSchema.INSTANCE_VALUES_PREFIX.length())), numbers(list));
            } catch (NumberFormatException e) {
                p.systemAttrs.put(key, value);
            }
        } else {
            p.systemAttrs.put(key, value);
        }
    }

    /** A value as Optuna stores it: FINITE with the number, INF_POS / INF_NEG / NAN without. */
    private static Double special(String type, Double value) {
        if (type == null) {
            return value;
        }
        switch (type) {
            case "INF_POS":
                return Double.POSITIVE_INFINITY;
            case "INF_NEG":
                return Double.NEGATIVE_INFINITY;
            case "NAN":
                return Double.NaN;
            default:
                return value;
        }
    }

    private interface RowConsumer {
        void accept(ResultSet rs, Parts p) throws SQLException;
    }

    /** Runs {@code select} (on table alias x) for the selected trials, each trial's rows in the order of column {@code order}. */
    private static void each(Connection c, String select, String order, String where, long key, RowConsumer consumer,
            Map<Long, Parts> byId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + " JOIN trials t ON t.trial_id = x.trial_id WHERE "
                + where + " ORDER BY x.trial_id, x." + order)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Parts p = byId.get(rs.getLong(1));
                    if (p != null) {
                        consumer.accept(rs, p);
                    }
                }
            }
        }
    }

    private static List<Double> numbers(List<?> json) {
        List<Double> out = new ArrayList<>();
        for (Object o : json) {
            out.add(o instanceof Number n ? n.doubleValue() : Double.NaN);
        }
        return out;
    }
}
