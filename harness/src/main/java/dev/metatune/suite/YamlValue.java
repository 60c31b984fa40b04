package dev.metatune.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value of a suite file with where it came from: the file, the field path (such as
 * {@code algorithms[1].search.inner_lr}) and the YAML node, whose start mark gives the line and
 * column. Typed reads fail with a {@link SuiteException} naming all of these.
 */
final class YamlValue {

    private final String file;
    private final String path;
    private final Node node;

    YamlValue(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    String file() {
        return file;
    }

    String path() {
        return path;
    }

    Node node() {
        return node;
    }

    /** 1-based line of this value. */
    int line() {
        return node.getStartMark().getLine() + 1;
    }

    /** A child value: {@code path.key}. */
    YamlValue child(String key, Node child) {
        return new YamlValue(file, path.isEmpty() ? key : path + "." + key, child);
    }

    /** An element value: {@code path[index]}. */
    YamlValue element(int index, Node child) {
        return new YamlValue(file, path + "[" + index + "]", child);
    }

    /** An error located at this value. */
    SuiteException error(String detail) {
        return errorAt(node, detail);
    }

    /** An error for this field located at {@code where} (a key node, say). */
    SuiteException errorAt(Node where, String detail) {
        return new SuiteException(file, where.getStartMark().getLine() + 1, where.getStartMark().getColumn() + 1,
                path, detail);
    }

    /** An error that quotes this value: {@code value 'V' PROBLEM; allowed: ALLOWED}. */
    SuiteException invalid(String problem, String allowed) {
        return error("value '" + show() + "' " + problem + "; allowed: " + allowed);
    }

    /** The value as it reads in the file, or a short description for a mapping or a list. */
    String show() {
        String text = render(node, 0);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static String render(Node n, int depth) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        if (depth > 3) {
            return "...";
        }
        StringBuilder sb = new StringBuilder();
        if (n instanceof MappingNode m) {
            sb.append('{');
            for (int i = 0; i < m.getValue().size(); i++) {
                sb.append(i > 0 ? ", " : "").append(render(m.getValue().get(i).getKeyNode(), depth + 1)).append(": ")
                        .append(render(m.getValue().get(i).getValueNode(), depth + 1));
            }
            return sb.append('}').toString();
        }
        sb.append('[');
        List<Node> items = ((SequenceNode) n).getValue();
        for (int i = 0; i < items.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(render(items.get(i), depth + 1));
        }
        return sb.append(']').toString();
    }

    boolean isNull() {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** What kind of YAML value this is, for messages. */
    String kind() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return "empty";
        }
        if (Tag.INT.equals(tag)) {
            return "an integer";
        }
        if (Tag.FLOAT.equals(tag)) {
            return "a float";
        }
        if (Tag.BOOL.equals(tag)) {
            return "a boolean";
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return "a date";
        }
        return Tag.STR.equals(tag) ? "a string" : "a value tagged " + tag.getValue();
    }

    private SuiteException wrongType(String allowed) {
        if (isNull()) {
            return error("has no value; allowed: " + allowed);
        }
        return error("value '" + show() + "' is " + kind() + "; allowed: " + allowed);
    }

    /** This value as a mapping whose keys must be among {@code allowed}. */
    YamlMapping mapping(Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            throw wrongType("a mapping with keys " + Names.list(allowed));
        }
        return new YamlMapping(this, m, allowed);
    }

    /** This value as a mapping with any string keys (free-form options, hyperparameter names). */
    YamlMapping openMapping(String what) {
        if (!(node instanceof MappingNode m)) {
            throw wrongType("a mapping of " + what);
        }
        return new YamlMapping(this, m, null);
    }

    /** The elements of this list. */
    List<YamlValue> sequence(String what) {
        if (!(node instanceof SequenceNode s)) {
            throw wrongType("a list of " + what);
        }
        List<YamlValue> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(element(i, s.getValue().get(i)));
        }
        return out;
    }

    /** The elements of this list, which must hold at least one. */
    List<YamlValue> nonEmptySequence(String what) {
        List<YamlValue> out = sequence(what);
        if (out.isEmpty()) {
            throw error("is an empty list; allowed: a non-empty list of " + what);
        }
        return out;
    }

    /** A non-blank string (a plain number or boolean is rejected: quote it if meant as text). */
    String string() {
        if (!(node instanceof ScalarNode s) || isNull() || !Tag.STR.equals(s.getTag())) {
            throw wrongType("a string");
        }
        if (s.getValue().isBlank()) {
            throw error("is a blank string; allowed: a non-blank string");
        }
        return s.getValue();
    }

    /** An integer. */
    long integer() {
        if (!(node instanceof ScalarNode s) || !Tag.INT.equals(s.getTag())) {
            throw wrongType("an integer");
        }
        return parseLong(s.getValue());
    }

    /** An integer in [min, max]. */
    int intIn(int min, int max, String meaning) {
        long v = integer();
        if (v < min || v > max) {
            throw invalid("is out of range", max == Integer.MAX_VALUE
                    ? "an integer >= " + min + " (" + meaning + ")"
                    : "an integer in [" + min + ", " + max + "] (" + meaning + ")");
        }
        return (int) v;
    }

    /** A finite number: a YAML integer or float. */
    double number() {
        if (!(node instanceof ScalarNode s)) {
            throw wrongType("a number");
        }
        if (Tag.INT.equals(s.getTag())) {
            return parseLong(s.getValue());
        }
        if (!Tag.FLOAT.equals(s.getTag())) {
            throw wrongType("a number");
        }
        return parseDouble(s.getValue());
    }

    /** A boolean ({@code true}/{@code false}; YAML 1.1 also reads yes/no/on/off as booleans). */
    boolean bool() {
        if (!(node instanceof ScalarNode s) || !Tag.BOOL.equals(s.getTag())) {
            throw wrongType("true or false");
        }
        String v = s.getValue().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y");
    }

    /**
     * A scalar as a Java value: {@link Long}, {@link Double}, {@link Boolean} or {@link String};
     * a mapping, a list or an empty value is an error.
     */
    Object scalar(String allowed) {
        if (!(node instanceof ScalarNode s) || isNull()) {
            throw wrongType(allowed);
        }
        Tag tag = s.getTag();
        if (Tag.INT.equals(tag)) {
            return parseLong(s.getValue());
        }
        if (Tag.FLOAT.equals(tag)) {
            return parseDouble(s.getValue());
        }
        if (Tag.BOOL.equals(tag)) {
            return bool();
        }
        return s.getValue();
    }

    private long parseLong(String text) {
        String t = text.replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("-0x") || t.startsWith("+0x")) {
                boolean negative = t.startsWith("-");
                long v = Long.parseLong(t.substring(t.indexOf('x') + 1), 16);
                return negative ? -v : v;
            }
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw invalid("is not an integer this loader reads", "a decimal integer within 64 bits, such as 500");
        }
    }

    private double parseDouble(String text) {
        String t = text.replace("_", "").toLowerCase(Locale.ROOT);
        if (t.contains("inf") || t.contains("nan")) {
            throw invalid("is not a finite number", "a finite number");
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw invalid("is not a number this loader reads", "a decimal number such as 0.4 or 1.0e-3");
        }
    }
}
