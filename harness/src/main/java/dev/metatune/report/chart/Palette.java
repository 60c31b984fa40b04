package dev.metatune.report.chart;

import java.awt.Color;

/** The colours of the figures: a colour-blind-safe qualitative set (Okabe-Ito) and the viridis map. */
public final class Palette {

    /** Trials that completed. */
    public static final Color COMPLETE = new Color(0x0072b2);
    /** Trials a pruner stopped. */
    public static final Color PRUNED = new Color(0xe69f00);
    /** Trials that failed. */
    public static final Color FAILED = new Color(0xd55e00);
    /** Lines such as the best value so far. */
    public static final Color BEST = new Color(0x009e73);
    /** Text and neutral marks. */
    public static final Color INK = new Color(0x222222);
    /** Marks that are not the point of the figure. */
    public static final Color MUTED = new Color(0x999999);

    private static final Color[] SERIES = {new Color(0x0072b2), new Color(0xe69f00), new Color(0x009e73),
        new Color(0xcc79a7), new Color(0x56b4e9), new Color(0xd55e00), new Color(0xf0e442), new Color(0x000000)};

    private static final int[] VIRIDIS = {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779,
        0x6ece58, 0xb5de2b, 0xfde725};

    private Palette() {
    }

    /** The i-th series colour, cycling. */
    public static Color series(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }

    /** The viridis colour at u in [0, 1] (dark purple to yellow). */
    public static Color viridis(double u) {
        double t = Math.max(0, Math.min(1, u)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(t));
        double f = t - i;
        Color a = new Color(VIRIDIS[i]);
        Color b = new Color(VIRIDIS[i + 1]);
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
}
