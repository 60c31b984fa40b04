package dev.metatune.sweep;

import java.util.ArrayList;
import java.util.List;

/** The string literals of a Java source (text blocks included, stripped), skipping comments and char literals. */
final class JavaStringLiterals {

    private JavaStringLiterals() {
    }

    static List<String> of(String src) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                i = src.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i++;
                while (i < n && src.charAt(i) != '\'') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                out.add(src.substring(src.indexOf('\n', i) + 1, end).strip());
                i = end + 3;
            } else if (c == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (i < n && src.charAt(i) != '"') {
                    if (src.charAt(i) == '\\' && i + 1 < n) {
                        s.append(src.charAt(i + 1));
                        i += 2;
                    } else {
                        s.append(src.charAt(i++));
                    }
                }
                out.add(s.toString());
                i++;
            } else {
                i++;
            }
        }
        return out;
    }
}
