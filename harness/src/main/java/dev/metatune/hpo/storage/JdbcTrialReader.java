package dev.metatune.hpo.storage;

import dev.metatune.space.Distribution;
import dev.metatune.hpo.FrozenTrial;
import dev.metatune.hpo.TrialState;
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

/** Reads trials, with everything attached to them, from the tables of {@link JdbcSchema}. */
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
            return new FrozenTrial(trialId, number, state, value, params, distributions, intermediate, instances,
                    userAttrs, systemAttrs, failReason, start, complete);
        }
    }

    private JdbcTrialReader() {
    }

    /** The trials selected by {@code where} (on table alias t, one long parameter), by number. */
    static List<FrozenTrial> read(Connection c, String where, long key) throws SQLException {
        Map<Long, Parts> byId = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.trial_id, t.number, t.state, t.value, t.fail_reason,"
                + " t.datetime_start, t.datetime_complete FROM trials t WHERE " + where + " ORDER BY t.number")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Parts p = new Parts();
                    p.trialId = rs.getLong(1);
                    p.number = rs.getInt(2);
                    p.state = TrialState.valueOf(rs.getString(3));
                    double v = rs.getDouble(4);
                    p.value = rs.wasNull() ? null : v;
                    p.failReason = rs.getString(5);
                    p.start = instant(rs, 6);
                    p.complete = instant(rs, 7);
                    byId.put(p.trialId, p);
                }
            }
        }
        if (byId.isEmpty()) {
            return List.of();
        }
        each(c, "SELECT x.trial_id, x.param_name, x.distribution_json, x.internal_value FROM trial_params x",
                where, key, (rs, p) -> {
                    Distribution d = DistributionCodec.fromJson(rs.getString(3));
                    p.distributions.put(rs.getString(2), d);
                    p.params.put(rs.getString(2), d.toExternal(rs.getDouble(4)));
                }, byId);
        each(c, "SELECT x.trial_id, x.step, x.value, x.instance_values_json FROM trial_intermediate_values x",
                where, key, (rs, p) -> {
                    double v = rs.getDouble(3);
                    boolean missing = rs.wasNull();
                    p.intermediate.put(rs.getLong(2), missing ? Double.NaN : v);
                    String inst = rs.getString(4);
                    if (inst != null) {
                        p.instances.put(rs.getLong(2), numbers(JsonValues.read(inst)));
                    }
                }, byId);
        each(c, "SELECT x.trial_id, x.attr_key, x.value_json FROM trial_user_attrs x", where, key,
                (rs, p) -> p.userAttrs.put(rs.getString(2), JsonValues.read(rs.getString(3))), byId);
        each(c, "SELECT x.trial_id, x.attr_key, x.value_json FROM trial_system_attrs x", where, key,
                (rs, p) -> p.systemAttrs.put(rs.getString(2), JsonValues.read(rs.getString(3))), byId);
        List<FrozenTrial> out = new ArrayList<>(byId.size());
        for (Parts p : byId.values()) {
            out.add(p.freeze());
        }
        return out;
    }

    private interface RowConsumer {
        void accept(ResultSet rs, Parts p) throws SQLException;
    }

    private static void each(Connection c, String select, String where, long key, RowConsumer consumer,
            Map<Long, Parts> byId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + " JOIN trials t ON t.trial_id = x.trial_id WHERE "
                + where + " ORDER BY x.trial_id")) {
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

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private static List<Double> numbers(Object json) {
        List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) json) {
            out.add(o == null ? Double.NaN : ((Number) o).doubleValue());
        }
        return out;
    }
}
