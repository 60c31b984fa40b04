package dev.metatune.report.chart;

import java.awt.Color;
import java.awt.geom.PathIterator;
import java.awt.geom.Path2D;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A canvas that writes SVG text: plain elements with coordinates rounded to two decimals, no
 * identifiers, dates or comments, so the same drawing always gives the same bytes. Text stays text.
 */
public final class SvgCanvas implements Canvas {

    private final StringBuilder svg = new StringBuilder();

    /** An empty white drawing of the given size. */
    public SvgCanvas(int width, int height) {
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"").append(Fonts.SVG_FAMILY).append("\">\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
        svg.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append('"').append(stroke(color, width, dashed)).append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, double width, boolean dashed) {
        if (xs.length < 2) {
            return;
        }
        svg.append("<polyline points=\"");
        for (int i = 0; i < xs.length; i++) {
            svg.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        svg.append("\" fill=\"none\"").append(stroke(color, width, dashed)).append(" stroke-linejoin=\"round\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill == null ? "none" : hex(fill))
                .append('"');
        if (stroke != null) {
            svg.append(stroke(stroke, 1, false));
        }
        svg.append("/>\n");
    }

    @Override
    public void marker(Marker marker, double x, double y, double size, Color color) {
        svg.append("<path d=\"").append(path(marker.outline(x, y, size))).append('"');
        if (marker.filled()) {
            svg.append(" fill=\"").append(hex(color)).append("\" stroke=\"#ffffff\" stroke-width=\"0.8\"/>\n");
        } else {
            svg.append(" fill=\"none\"").append(stroke(color, marker == Marker.CROSS ? 2.2 : 1.6, false)).append("/>\n");
        }
    }

    @Override
    public void text(String text, double x, double y, double size, Anchor anchor, boolean bold, boolean vertical,
                     Color color) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append('"');
        if (anchor != Anchor.START) {
            svg.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (bold) {
            svg.append(" font-weight=\"bold\"");
        }
        if (vertical) {
            svg.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        }
        svg.append(" fill=\"").append(hex(color)).append("\">").append(escape(text)).append("</text>\n");
    }

    /** The finished SVG document as UTF-8 bytes. */
    public byte[] bytes() {
        return (svg + "</svg>\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String stroke(Color color, double width, boolean dashed) {
        return " stroke=\"" + hex(color) + "\" stroke-width=\"" + n(width) + "\"" + (dashed ? " stroke-dasharray=\"6,4\"" : "")
                + (color.getAlpha() < 255 ? " stroke-opacity=\"" + n(color.getAlpha() / 255.0) + "\"" : "");
    }

    private static String path(Path2D.Double p) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = p.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            if (d.length() > 0) {
                d.append(' ');
            }
            switch (type) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(n(c[0])).append(',').append(n(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(n(c[0])).append(',').append(n(c[1]));
                case PathIterator.SEG_CLOSE -> d.append('Z');
                default -> throw new IllegalStateException("markers are made of straight segments, got segment " + type);
            }
        }
        return d.toString();
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return "-0".equals(s) ? "0" : s;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
