package dev.metatune.hpo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metatune.testing.Environment;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The Optuna peer skips its tests without the Python packages, and fails them in CI; URLs map to SQLAlchemy's. */
class OptunaPeerTest {

    @Test
    void aMissingPythonModuleSkipsOutsideCiAndFailsInCi() {
        Throwable t = assertThrows(Throwable.class, () -> OptunaPeer.require("metatune_no_such_module"));
        if (Environment.inCi()) {
            assertTrue(t instanceof AssertionFailedError, t.toString());
        } else {
            assertTrue(t instanceof TestAbortedException, t.toString());
        }
        assertTrue(t.getMessage().contains("apt-get install -y python3-optuna"), t.getMessage());
    }

    @Test
    void jdbcUrlsBecomeSqlalchemyUrls() {
        assertEquals("sqlite:////tmp/run/studies.db", OptunaPeer.sqlalchemyUrl("jdbc:sqlite:/tmp/run/studies.db"));
        assertEquals("postgresql+psycopg2://metatune@127.0.0.1:5432/db?options=-csearch_path%3Dt_1",
                OptunaPeer.sqlalchemyUrl("jdbc:postgresql://127.0.0.1:5432/db?user=metatune&currentSchema=t_1"));
    }
}
