package dev.metatune.report.chart;

import java.awt.Color;

/**
 * A drawing surface in pixel coordinates (origin top left), drawn the same way to a bitmap
 * ({@link RasterCanvas}) and to SVG ({@link SvgCanvas}) so that both files of a figure show the same
 * picture. Text is measured with one font everywhere, so layouts do not depend on the backend.
 */
public interface Canvas {

    /** Where a text's anchor point lies along the text. */
    enum Anchor { START, MIDDLE, END }

    /** The width in pixels of a text at a font size. */
    default double textWidth(String text, double size, boolean bold) {
        return Fonts.width(text, size, bold);
    }

    /** A straight line. */
    void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed);

    /** An open polyline through the points. */
    void polyline(double[] xs, double[] ys, Color color, double width, boolean dashed);

    /** A rectangle, filled when {@code fill} is not null and outlined when {@code stroke} is not null. */
    void rect(double x, double y, double w, double h, Color fill, Color stroke);

    /** A marker centred on (x, y), {@code size} pixels across. */
    void marker(Marker marker, double x, double y, double size, Color color);

    /**
     * A line of text whose baseline passes through (x, y); {@code vertical} turns it 90 degrees
     * counter-clockwise about that point.
     */
    void text(String text, double x, double y, double size, Anchor anchor, boolean bold, boolean vertical, Color color);
}
