package dev.metatune.hpo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Times in Optuna's zone-less DateTime columns: start times in UTC, heartbeats on the database's clock. */
class DatabaseTimesTest {

    private static final Instant AT = Instant.parse("2026-05-01T12:00:07.700Z");

    @Test
    void sqliteHeartbeatsAreCutToTheSecondOfItsClockSoOptunaNeverSeesOneFromTheFuture() {
        DatabaseTimes sqlite = new DatabaseTimes(SqlDialect.SQLITE, ZoneOffset.UTC);
        // CURRENT_TIMESTAMP is 12:00:07 for the whole second; 12:00:07.7 would be "ahead" of it
        assertEquals("2026-05-01 12:00:07.000000", sqlite.heartbeatParam(AT));
        assertEquals("2026-05-01 12:00:07.700000", sqlite.param(AT), "start times keep their precision");
    }

    @Test
    void postgresHeartbeatsAreInTheZoneOfTheDatabaseSessionsAndStartTimesInUtc() {
        DatabaseTimes tokyo = new DatabaseTimes(SqlDialect.POSTGRESQL, ZoneId.of("Asia/Tokyo"));
        assertEquals(LocalDateTime.parse("2026-05-01T21:00:07"), tokyo.heartbeatParam(AT));
        assertEquals(LocalDateTime.parse("2026-05-01T12:00:07.700"), tokyo.param(AT));
        assertEquals(null, tokyo.heartbeatParam(null));
    }
}
