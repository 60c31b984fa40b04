package dev.metatune.plugin;

import dev.metatune.error.UserInputException;
import java.util.List;

/** A name that no registered plugin of its kind has; the message lists the known names. */
public final class UnknownPluginException extends UserInputException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;

    public UnknownPluginException(String kind, String name, List<String> known) {
        super("unknown " + kind + " '" + name + "'; known: " + (known.isEmpty() ? "(none registered)" : String.join(", ", known)));
        this.kind = kind;
        this.name = name;
    }

    /** What kind of plugin was asked for, such as {@code algorithm}. */
    public String kind() {
        return kind;
    }

    /** The name asked for. */
    public String name() {
        return name;
    }
}
