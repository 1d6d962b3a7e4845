package org.joulebench.site.plot;

/** Print sizes in points (1/72 in): a journal's single column (3.5 in) and full width (7.16 in, IEEE). */
public enum FigureSize {
    SINGLE("single", 3.5 * 72, 2.7 * 72),
    DOUBLE("double", 7.16 * 72, 3.3 * 72);

    public final String suffix;
    public final double width;
    public final double height;

    FigureSize(String suffix, double width, double height) {
        this.suffix = suffix;
        this.width = width;
        this.height = height;
    }

    /** Font sizes at print size: nothing under 7 pt. */
    static final double TICK_PT = 8;

    static final double AXIS_PT = 8;
    static final double LEGEND_PT = 7.5;
    static final double LABEL_PT = 7;
}
