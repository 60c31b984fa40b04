package dev.metatune.hpo.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How instants are kept in Optuna's DateTime columns, which hold no time zone.
 *
 * <p>Start and completion times are written in UTC (Optuna writes them in its process's local time, so
 * the two agree where Optuna runs in UTC). Heartbeats are different: Optuna stamps them with the
 * database's clock ({@code now()}) and fails a trial as stale by comparing that clock with them, so
 * Metatune keeps its heartbeats in the zone of the database's own sessions: UTC on SQLite
 * ({@code CURRENT_TIMESTAMP}); on PostgreSQL the {@code TimeZone} a client that asks for none gets,
 * the database's or role's setting or else the server's (which {@code initdb} takes from the machine).
 * The JDBC driver always asks for the JVM's zone, so that zone is looked up once per connection.
 * Heartbeats are also cut to the whole second, the precision of SQLite's clock: Optuna 3.1 takes a
 * heartbeat that lies ahead of its clock for one a day old, and would fail a live Metatune trial it
 * checks within a second of a beat.
 *
 * @param dialect the database kind
 * @param heartbeatZone the zone of the database sessions' clock
 */
record DatabaseTimes(SqlDialect dialect, ZoneId heartbeatZone) {

    /** SQLAlchemy's text form of a DateTime in SQLite. */
    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** The times of the database behind {@code c}. */
    static DatabaseTimes of(Connection c, SqlDialect dialect) throws SQLException {
        return new DatabaseTimes(dialect, dialect == SqlDialect.POSTGRESQL ? postgresZone(c) : ZoneOffset.UTC);
    }

    /** A start or completion time as a statement argument (null stays null). */
    Object param(Instant at) {
        return param(at, ZoneOffset.UTC);
    }

    /** A start or completion time read back, or null. */
    Instant read(ResultSet rs, int column) throws SQLException {
        return read(rs, column, ZoneOffset.UTC);
    }

    /** A heartbeat (or a bound compared with heartbeats) as a statement argument, to the whole second. */
    Object heartbeatParam(Instant at) {
        return param(at == null ? null : at.truncatedTo(ChronoUnit.SECONDS), heartbeatZone);
    }

    /** A heartbeat read back, or null. */
    Instant readHeartbeat(ResultSet rs, int column) throws SQLException {
        return read(rs, column, heartbeatZone);
    }

    private Object param(Instant at, ZoneId zone) {
        if (at == null) {
            return null;
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        return dialect == SqlDialect.POSTGRESQL ? local : SQLITE_TIME.format(local);
    }

    private Instant read(ResultSet rs, int column, ZoneId zone) throws SQLException {
        LocalDateTime local;
        if (dialect == SqlDialect.POSTGRESQL) {
            local = rs.getObject(column, LocalDateTime.class);
        } else {
            String text = rs.getString(column);
            local = text == null ? null : LocalDateTime.parse(text.trim().replace(' ', 'T'));
        }
        return local == null ? null : local.atZone(zone).toInstant();
    }

    /**
     * The zone a PostgreSQL session gets when its client names none: a {@code TimeZone} set on this
     * database and role, this database, or this role (most specific first), else the server's, read
     * from {@code log_timezone}, which {@code initdb} sets with {@code timezone} and clients cannot change.
     */
    private static ZoneId postgresZone(Connection c) throws SQLException {
        String name = null;
        String sql = "SELECT cfg FROM pg_db_role_setting s, unnest(s.setconfig) AS cfg"
                + " WHERE s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))"
                + " AND s.setrole IN (0, (SELECT oid FROM pg_roles WHERE rolname = session_user))"
                + " AND lower(cfg) LIKE 'timezone=%'"
                + " ORDER BY (s.setdatabase <> 0 AND s.setrole <> 0) DESC, (s.setdatabase <> 0) DESC LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                name = rs.getString(1).substring("timezone=".length());
            }
        }
        if (name == null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('log_timezone')");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                name = rs.getString(1);
            }
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException notJava) {
            // a POSIX zone string Java does not know: take its offset now from the server
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT EXTRACT(EPOCH FROM (now() AT TIME ZONE ?) - (now() AT TIME ZONE 'UTC'))")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return ZoneOffset.ofTotalSeconds(Math.round(rs.getFloat(1)));
                }
            }
        }
    }
}
