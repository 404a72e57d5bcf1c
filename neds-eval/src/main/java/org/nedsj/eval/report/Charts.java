package org.nedsj.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** Charts for report pages, drawn by JFreeChart into inline SVG elements. */
final class Charts {

    /** Line colours, in series order. */
    static final Color TRUTH = new Color(0x22, 0x22, 0x22);
    static final Color MODEL = new Color(0x1f, 0x77, 0xb4);
    static final Color BASELINE = new Color(0xff, 0x7f, 0x0e);
    static final Color OTHER = new Color(0x2c, 0xa0, 0x2c);

    private static final AtomicLong IDS = new AtomicLong();

    private Charts() {
    }

    /**
     * One line of a chart; points with a NaN coordinate are left out.
     *
     * @param dashed draw dashed
     */
    record Line(String name, double[] x, double[] y, Color colour, boolean dashed) {
    }

    static String lines(String title, String xLabel, String yLabel, List<Line> lines, int width, int height) {
        var data = new XYSeriesCollection();
        for (Line l : lines) {
            var s = new XYSeries(l.name(), false, true);
            for (int i = 0; i < l.x().length; i++) {
                if (Double.isFinite(l.x()[i]) && Double.isFinite(l.y()[i])) {
                    s.add(l.x()[i], l.y()[i]);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = style(chart);
        var renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, lines.get(i).colour());
            renderer.setSeriesStroke(i, lines.get(i).dashed()
                    ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 3f}, 0f)
                    : new BasicStroke(1.6f));
        }
        plot.setRenderer(renderer);
        return svg(chart, width, height);
    }

    /** A scatter of (x, y) with the line y = x over the data's range; NaN pairs are left out. */
    static String scatterWithDiagonal(String title, String xLabel, String yLabel, List<double[][]> groups,
                                      List<String> names, int width, int height) {
        XYSeriesCollection data = finitePoints(groups, names);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < data.getSeriesCount(); g++) {
            XYSeries s = data.getSeries(g);
            if (s.getItemCount() > 0) {
                lo = Math.min(lo, Math.min(s.getMinX(), s.getMinY()));
                hi = Math.max(hi, Math.max(s.getMaxX(), s.getMaxY()));
            }
        }
        var diagonal = new XYSeries("y = x", false, true);
        if (lo <= hi) {
            diagonal.add(lo, lo);
            diagonal.add(hi, hi);
        }
        data.addSeries(diagonal);
        JFreeChart chart = ChartFactory.createScatterPlot(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = style(chart);
        XYLineAndShapeRenderer renderer = groupRenderer(groups.size());
        int d = groups.size();
        renderer.setSeriesLinesVisible(d, true);
        renderer.setSeriesShapesVisible(d, false);
        renderer.setSeriesPaint(d, Color.GRAY);
        plot.setRenderer(renderer);
        return svg(chart, width, height);
    }

    /** A scatter of points in groups (one colour each); NaN pairs are left out. */
    static String scatter(String title, String xLabel, String yLabel, List<double[][]> groups, List<String> names, int width,
                          int height) {
        JFreeChart chart = ChartFactory.createScatterPlot(title, xLabel, yLabel, finitePoints(groups, names),
                PlotOrientation.VERTICAL, true, false, false);
        style(chart).setRenderer(groupRenderer(groups.size()));
        return svg(chart, width, height);
    }

    private static final Color[] GROUP_PALETTE = {MODEL, BASELINE, OTHER, new Color(0xd6, 0x27, 0x28),
        new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0x7f, 0x7f, 0x7f),
        new Color(0xbc, 0xbd, 0x22), new Color(0x17, 0xbe, 0xcf)};

    /** One series per group ({x, y} arrays), the pairs with a non-finite value left out. */
    private static XYSeriesCollection finitePoints(List<double[][]> groups, List<String> names) {
        var data = new XYSeriesCollection();
        for (int g = 0; g < groups.size(); g++) {
            var s = new XYSeries(names.get(g), false, true);
            double[] x = groups.get(g)[0];
            double[] y = groups.get(g)[1];
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    s.add(x[i], y[i]);
                }
            }
            data.addSeries(s);
        }
        return data;
    }

    /** Points without lines, a colour per group. */
    private static XYLineAndShapeRenderer groupRenderer(int groups) {
        var renderer = new XYLineAndShapeRenderer(false, true);
        for (int g = 0; g < groups; g++) {
            renderer.setSeriesPaint(g, GROUP_PALETTE[g % GROUP_PALETTE.length]);
            renderer.setSeriesShape(g, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        return renderer;
    }

    /** A histogram of the finite values. */
    static String histogram(String title, String xLabel, double[] values, int bins, int width, int height) {
        double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        var data = new HistogramDataset();
        if (finite.length > 0) {
            double lo = java.util.Arrays.stream(finite).min().getAsDouble();
            double hi = java.util.Arrays.stream(finite).max().getAsDouble();
            // all values equal (e.g. a model at the mean rates): a range around them the axis can show
            double pad = hi > lo ? 0 : Math.max(0.05, Math.abs(lo) * 0.1);
            data.addSeries("neurons", finite, bins, lo - pad, hi + pad);
        }
        JFreeChart chart = ChartFactory.createHistogram(title, xLabel, "neurons", data, PlotOrientation.VERTICAL,
                false, false, false);
        XYPlot plot = style(chart);
        var renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, MODEL);
        return svg(chart, width, height);
    }

    private static XYPlot style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        }
        XYPlot plot = chart.getXYPlot();
        // the first series (the truth) underneath, later ones on top
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setOutlinePaint(new Color(0x99, 0x99, 0x99));
        return plot;
    }

    private static String svg(JFreeChart chart, int width, int height) {
        var g2 = new SVGGraphics2D(width, height);
        // every chart on a page needs its own ids for clip paths and gradients
        g2.setDefsKeyPrefix("c" + IDS.incrementAndGet() + "-");
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGElement();
    }
}
