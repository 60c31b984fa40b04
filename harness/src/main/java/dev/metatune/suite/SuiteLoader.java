package dev.metatune.suite;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads suite files: YAML (through SnakeYAML's node API, so every value keeps its line and column)
 * into a validated {@link Suite}. Whatever is wrong with a file, the only exception is a
 * {@link SuiteException} whose message names the file, line, column, field, value and what is
 * allowed; nothing is run from a suite that does not load. The schema is {@code suites/SCHEMA.md}.
 */
public final class SuiteLoader {

    /** Suite files larger than this are refused (a suite is a page of YAML). */
    static final int MAX_BYTES = 1 << 20;

    private final SuiteCatalog catalog;
    private final PluginCheck samplers;
    private final PluginCheck pruners;

    /** A loader that checks names (and, where known, hyperparameters and kinds) against {@code catalog}. */
    public SuiteLoader(SuiteCatalog catalog) {
        this(catalog, PluginCheck.NONE, PluginCheck.NONE);
    }

    /**
     * A loader that also builds the suite's sampler and pruner to check their option values, e.g.
     * {@code new SuiteLoader(catalog, SamplerProvider::byName, PrunerProvider::byName)}. The grid
     * sampler without a {@code search_space} option is not built: the runner gives it each study's choices.
     */
    public SuiteLoader(SuiteCatalog catalog, PluginCheck samplers, PluginCheck pruners) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.samplers = Objects.requireNonNull(samplers, "samplers");
        this.pruners = Objects.requireNonNull(pruners, "pruners");
    }

    /** Loads {@code file}; messages name it as given. */
    public Suite load(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new SuiteException(name, 0, 0, "", "is a folder; allowed: a suite file (.yaml)");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new SuiteException(name, 0, 0, "", "is " + Files.size(file) + " bytes; allowed: at most "
                        + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SuiteException(name, 0, 0, "", "no such suite file");
        } catch (IOException e) {
            throw new SuiteException(name, 0, 0, "", "cannot be read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SuiteException(name, 0, 0, "", "is not UTF-8 text; allowed: a UTF-8 YAML file");
        }
        return parse(text, name);
    }

    /** Parses suite text; {@code fileName} is the name messages give. */
    public Suite parse(String text, String fileName) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Node root = compose(body, fileName);
        String allowedTop = "a mapping with keys " + Names.list(SuiteParser.KEYS);
        if (root == null) {
            throw new SuiteException(fileName, 0, 0, "", "is empty; allowed: " + allowedTop + " (see suites/SCHEMA.md)");
        }
        YamlValue top = new YamlValue(fileName, "", root);
        if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            throw top.error("the suite is " + top.kind() + " ('" + top.show() + "'); allowed: " + allowedTop);
        }
        return new SuiteParser(catalog, samplers, pruners).parse(top);
    }

    private static Node compose(String text, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = firstLine(e.getProblem());
            StringBuilder detail = new StringBuilder("YAML syntax error: ");
            if (e.getContext() != null && problem.startsWith("but ")) {
                detail.append(firstLine(e.getContext())).append(", ").append(problem);
            } else {
                detail.append(problem);
                if (e.getContext() != null) {
                    detail.append(" (").append(firstLine(e.getContext()));
                    if (e.getContextMark() != null && mark != e.getContextMark()) {
                        detail.append(" that starts at line ").append(e.getContextMark().getLine() + 1);
                    }
                    detail.append(')');
                }
            }
            int line = mark == null ? 0 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            throw new SuiteException(fileName, line, column, "", detail.toString());
        } catch (YAMLException e) {
            throw new SuiteException(fileName, 0, 0, "", "YAML error: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no detail)";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
