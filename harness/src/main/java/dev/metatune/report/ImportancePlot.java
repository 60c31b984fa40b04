package dev.metatune.report;

import dev.metatune.hpo.importance.StudyImportance;
import dev.metatune.report.chart.Marker;
import dev.metatune.report.chart.Palette;
import dev.metatune.report.chart.Scale;
import dev.metatune.report.chart.XYPlot;
import dev.metatune.report.chart.XYPlot.LegendEntry;
import java.awt.Color;

/** The bar chart of a study's hyperparameter importances: fANOVA and PED-ANOVA side by side per parameter. */
final class ImportancePlot {

    private static final Color FANOVA = Palette.series(0);
    private static final Color PED_ANOVA = Palette.series(1);

    private ImportancePlot() {
    }

    static XYPlot of(String subject, StudyImportance importance) {
        XYPlot plot = new XYPlot("Hyperparameter importance: " + subject, "share of the objective's variation over "
                + importance.trials() + " trials; fANOVA (random forest) and PED-ANOVA (top 10 %)",
                "parameter", "importance");
        plot.categories(importance.rows().stream().map(StudyImportance.Row::parameter).toList());
        plot.yScale(Scale.linearExact(0, 1, false));
        for (int i = 0; i < importance.rows().size(); i++) {
            StudyImportance.Row r = importance.rows().get(i);
            bar(plot, FANOVA, i - 0.12, r.fanova());
            bar(plot, PED_ANOVA, i + 0.12, r.pedAnova());
        }
        plot.legend(new LegendEntry("fANOVA", Marker.SQUARE, FANOVA, false, false));
        plot.legend(new LegendEntry("PED-ANOVA", Marker.SQUARE, PED_ANOVA, false, false));
        return plot;
    }

    private static void bar(XYPlot plot, Color color, double x, double value) {
        if (Double.isNaN(value)) {
            plot.text("n/a", x, 0, 11, Palette.INK);
            return;
        }
        plot.line(color, new double[] {x, x}, new double[] {0, value}, 16, false, false);
        plot.text(Numbers.fixed(value, 2), x, value, 11, Palette.INK);
    }
}
