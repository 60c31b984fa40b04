package dev.metatune.report.chart;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;

/** The one font of the figures (Java's logical SansSerif) and how wide a text set in it is. */
final class Fonts {

    /** The family named in SVG files; viewers pick the first they have. */
    static final String SVG_FAMILY = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

    private static final FontRenderContext CONTEXT = new FontRenderContext(new AffineTransform(), true, true);

    private Fonts() {
    }

    static Font font(double size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    }

    static double width(String text, double size, boolean bold) {
        return font(size, bold).getStringBounds(text, CONTEXT).getWidth();
    }
}
