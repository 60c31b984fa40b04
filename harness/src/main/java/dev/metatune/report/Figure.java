package dev.metatune.report;

import dev.metatune.report.chart.RasterCanvas;
import dev.metatune.report.chart.SvgCanvas;
import dev.metatune.report.chart.XYPlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One figure of a run folder: written as {@code plots/<stem>.png} for viewing and
 * {@code plots/<stem>.svg} for papers, both drawn from the same plot, so they show the same thing and
 * the same storage gives the same bytes.
 *
 * @param stem    the file name without extension, e.g. {@code maml-sinusoid-1w5s-history}
 * @param caption one line telling a reader what the figure shows
 */
public record Figure(String stem, String caption) {

    public Figure {
        Objects.requireNonNull(stem, "stem");
        Objects.requireNonNull(caption, "caption");
        if (!stem.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("figure stem must be a plain file name, got '" + stem + "'");
        }
    }

    /** The PNG's name relative to the run folder. */
    public String png() {
        return "plots/" + stem + ".png";
    }

    /** The SVG's name relative to the run folder. */
    public String svg() {
        return "plots/" + stem + ".svg";
    }

    /** Draws the plot into both files under {@code runDir} and returns the figure. */
    static Figure write(Path runDir, String stem, String caption, XYPlot plot) throws IOException {
        Figure figure = new Figure(stem, caption);
        RasterCanvas raster = new RasterCanvas(XYPlot.WIDTH, XYPlot.HEIGHT, 1);
        plot.draw(raster);
        byte[] png = raster.png();
        SvgCanvas svg = new SvgCanvas(XYPlot.WIDTH, XYPlot.HEIGHT);
        plot.draw(svg);
        byte[] svgBytes = svg.bytes();
        AtomicFiles.write(runDir.resolve(figure.png()), out -> out.write(png));
        AtomicFiles.write(runDir.resolve(figure.svg()), out -> out.write(svgBytes));
        return figure;
    }

    /** A name made safe for a file: anything but letters, digits, dot, dash and underscore becomes a dash. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "-");
    }
}
