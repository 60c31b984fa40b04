package dev.metatune.data.synthetic;

import dev.metatune.task.EpisodeSeeds;
import java.util.SplittableRandom;

/**
 * The common stroke pool of one split: straight lines, corners (two joined lines) and arcs, each a
 * polyline at a fixed place of the canvas ([-1, 1] on both axes, y down), stored as
 * {@code {x0, y0, x1, y1, ...}}. Every stroke lies within {@link #EXTENT} of the centre so that
 * distortions keep it on the canvas. Stroke i depends on (seed, i) alone ({@link StrictMath}, so the
 * same on every machine).
 */
final class Strokes {

    /** How far from the centre a stroke may reach, before distortion. */
    static final double EXTENT = 0.7;
    /** Points of each polyline: enough for arcs to look round and for jitter to bend lines a little. */
    static final int POINTS = 7;

    private static final long STROKE_STREAM = 0x57e0_4e00_0000_0001L;

    private Strokes() {
    }

    /** The {@code count} strokes of the pool seeded with {@code seed}. */
    static double[][] pool(long seed, int count) {
        double[][] strokes = new double[count][];
        for (int i = 0; i < count; i++) {
            strokes[i] = stroke(EpisodeSeeds.random(seed ^ STROKE_STREAM, i));
        }
        return strokes;
    }

    /** One stroke, redrawn until it lies within the extent and is long enough to see. */
    static double[] stroke(SplittableRandom random) {
        while (true) {
            double[] points = switch (random.nextInt(3)) {
                case 0 -> line(random);
                case 1 -> corner(random);
                default -> arc(random);
            };
            if (inside(points) && length(points) >= 0.6) {
                return points;
            }
        }
    }

    private static double[] line(SplittableRandom random) {
        double x = uniform(random, -0.5, 0.5);
        double y = uniform(random, -0.5, 0.5);
        double angle = uniform(random, 0, Math.PI);
        double length = uniform(random, 0.7, 1.3);
        double dx = StrictMath.cos(angle) * length / 2;
        double dy = StrictMath.sin(angle) * length / 2;
        return along(x - dx, y - dy, x + dx, y + dy, POINTS);
    }

    private static double[] corner(SplittableRandom random) {
        double x = uniform(random, -0.4, 0.4);
        double y = uniform(random, -0.4, 0.4);
        double angle = uniform(random, 0, 2 * Math.PI);
        double turn = (random.nextBoolean() ? 1 : -1) * uniform(random, Math.PI / 3, 2 * Math.PI / 3);
        double first = uniform(random, 0.4, 0.8);
        double second = uniform(random, 0.4, 0.8);
        double cx = x + StrictMath.cos(angle) * first;
        double cy = y + StrictMath.sin(angle) * first;
        double ex = cx + StrictMath.cos(angle + turn) * second;
        double ey = cy + StrictMath.sin(angle + turn) * second;
        int half = POINTS / 2 + 1;
        double[] a = along(x, y, cx, cy, half);
        double[] b = along(cx, cy, ex, ey, POINTS - half + 1);
        double[] points = new double[2 * POINTS];
        System.arraycopy(a, 0, points, 0, a.length);
        System.arraycopy(b, 2, points, a.length, b.length - 2);
        return points;
    }

    private static double[] arc(SplittableRandom random) {
        double x = uniform(random, -0.35, 0.35);
        double y = uniform(random, -0.35, 0.35);
        double radius = uniform(random, 0.25, 0.55);
        double start = uniform(random, 0, 2 * Math.PI);
        double sweep = (random.nextBoolean() ? 1 : -1) * uniform(random, 0.6 * Math.PI, 1.5 * Math.PI);
        double[] points = new double[2 * POINTS];
        for (int p = 0; p < POINTS; p++) {
            double a = start + sweep * p / (POINTS - 1);
            points[2 * p] = x + radius * StrictMath.cos(a);
            points[2 * p + 1] = y + radius * StrictMath.sin(a);
        }
        return points;
    }

    /** {@code n} evenly spaced points from (x0, y0) to (x1, y1). */
    private static double[] along(double x0, double y0, double x1, double y1, int n) {
        double[] points = new double[2 * n];
        for (int p = 0; p < n; p++) {
            double t = (double) p / (n - 1);
            points[2 * p] = x0 + (x1 - x0) * t;
            points[2 * p + 1] = y0 + (y1 - y0) * t;
        }
        return points;
    }

    private static boolean inside(double[] points) {
        for (double v : points) {
            if (Math.abs(v) > EXTENT) {
                return false;
            }
        }
        return true;
    }

    private static double length(double[] points) {
        double total = 0;
        for (int p = 2; p < points.length; p += 2) {
            total += StrictMath.hypot(points[p] - points[p - 2], points[p + 1] - points[p - 1]);
        }
        return total;
    }

    private static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }
}
