package dev.metatune.testing;

/** Facts about where the tests run. */
public final class Environment {

    private Environment() {
    }

    /** Whether the tests run in CI ({@code CI=true}), where nothing they need may be skipped. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
