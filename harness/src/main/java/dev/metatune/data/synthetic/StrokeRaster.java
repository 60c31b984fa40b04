package dev.metatune.data.synthetic;

/** Distances from pixel centres to polylines, for drawing strokes with soft edges. */
final class StrokeRaster {

    private StrokeRaster() {
    }

    /**
     * Lowers {@code distance[y * size + x]} to the distance from pixel (x, y) to the polyline
     * {@code {x0, y0, x1, y1, ...}} (pixel coordinates, pixel centres at integers), for the pixels
     * within {@code reach} of it; the others keep their value.
     */
    static void polyline(double[] points, int size, double reach, double[] distance) {
        for (int p = 2; p < points.length; p += 2) {
            segment(points[p - 2], points[p - 1], points[p], points[p + 1], size, reach, distance);
        }
    }

    static void segment(double ax, double ay, double bx, double by, int size, double reach, double[] distance) {
        int x0 = Math.max(0, (int) Math.floor(Math.min(ax, bx) - reach));
        int x1 = Math.min(size - 1, (int) Math.ceil(Math.max(ax, bx) + reach));
        int y0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - reach));
        int y1 = Math.min(size - 1, (int) Math.ceil(Math.max(ay, by) + reach));
        double dx = bx - ax;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double t = lengthSquared == 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / lengthSquared;
                t = Math.max(0, Math.min(1, t));
                double ex = x - ax - t * dx;
                double ey = y - ay - t * dy;
                double d = Math.sqrt(ex * ex + ey * ey);
                int i = y * size + x;
                if (d < distance[i]) {
                    distance[i] = d;
                }
            }
        }
    }
}
