package dev.metatune.report.chart;

import java.awt.geom.Path2D;

/**
 * The marker shapes of the figures. Each is one closed or open outline in a unit box centred on the
 * origin, so both canvases draw the same shape.
 */
public enum Marker {
    /** A filled disc. */
    CIRCLE(true),
    /** A filled triangle pointing down. */
    TRIANGLE_DOWN(true),
    /** A filled square. */
    SQUARE(true),
    /** A filled diamond. */
    DIAMOND(true),
    /** An unfilled diamond. */
    OPEN_DIAMOND(false),
    /** An x of two strokes. */
    CROSS(false);

    private final boolean filled;

    Marker(boolean filled) {
        this.filled = filled;
    }

    /** Whether the outline is filled (otherwise it is stroked). */
    public boolean filled() {
        return filled;
    }

    /** The outline centred on (x, y), {@code size} pixels across. */
    public Path2D.Double outline(double x, double y, double size) {
        double r = size / 2;
        Path2D.Double p = new Path2D.Double();
        switch (this) {
            case CIRCLE -> {
                int n = 24;
                for (int i = 0; i < n; i++) {
                    double a = 2 * Math.PI * i / n;
                    if (i == 0) {
                        p.moveTo(x + r, y);
                    } else {
                        p.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
                    }
                }
                p.closePath();
            }
            case TRIANGLE_DOWN -> {
                p.moveTo(x - r, y - r * 0.8);
                p.lineTo(x + r, y - r * 0.8);
                p.lineTo(x, y + r);
                p.closePath();
            }
            case SQUARE -> {
                double s = r * 0.85;
                p.moveTo(x - s, y - s);
                p.lineTo(x + s, y - s);
                p.lineTo(x + s, y + s);
                p.lineTo(x - s, y + s);
                p.closePath();
            }
            case DIAMOND, OPEN_DIAMOND -> {
                p.moveTo(x, y - r);
                p.lineTo(x + r, y);
                p.lineTo(x, y + r);
                p.lineTo(x - r, y);
                p.closePath();
            }
            case CROSS -> {
                double s = r * 0.8;
                p.moveTo(x - s, y - s);
                p.lineTo(x + s, y + s);
                p.moveTo(x - s, y + s);
                p.lineTo(x + s, y - s);
            }
            default -> throw new IllegalStateException("unknown marker " + this);
        }
        return p;
    }
}
