package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.metatune.data.DataException;
import dev.metatune.error.UserInputException;
import dev.metatune.plugin.UnknownPluginException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Exit 2 is for input the user can fix, and only for that; anything else is a failure, exit 1. */
class ExitCodeTest {

    @Test
    void userInputIsTwo() {
        assertEquals(2, Main.exitCodeOf(new UserInputException("--ways must be at least 1, got 0")));
        assertEquals(2, Main.exitCodeOf(new DataException("omniglot/val: 3000 ways requested")));
        assertEquals(2, Main.exitCodeOf(new IllegalStateException("wrapped", new UserInputException("bad"))));
        assertEquals(2, Main.exitCodeOf(new UnknownPluginException("algorithm", "mamll", java.util.List.of("maml"))));
        assertEquals(2, Main.exitCodeOf(new CommandLine.ParameterException(new CommandLine(new Main()), "usage")));
    }

    @Test
    void everythingElseIsOne() {
        assertEquals(1, Main.exitCodeOf(new IllegalArgumentException("internal: bad index")));
        assertEquals(1, Main.exitCodeOf(new IllegalStateException("x", new IllegalArgumentException("y"))));
        assertEquals(1, Main.exitCodeOf(new UncheckedIOException(new java.io.IOException("disk full"))));
        assertEquals(1, Main.exitCodeOf(new OutOfMemoryError()));
    }
}
