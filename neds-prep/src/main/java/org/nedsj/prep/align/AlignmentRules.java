package org.nedsj.prep.align;

import com.typesafe.config.Config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preprocessing rules every data source shares, read from its own section (e.g. {@code data.ibl},
 * {@code data.nwb}) under the same keys: {@code window}, {@code units.select}, {@code units.min-rate},
 * {@code coverage-tolerance}, {@code scaling} and {@code split}.
 *
 * @param window            the trial window and its bins
 * @param units             which units are kept
 * @param coverageTolerance largest gap allowed between a window edge and a behaviour's samples, seconds
 * @param scaling           how dynamic behaviours are scaled per session: {@code z-score}, {@code min-max} or {@code none}
 * @param split             the seeded train/val/test split
 */
public record AlignmentRules(TrialWindow window, UnitRules units, double coverageTolerance, String scaling, SplitRules split) {

    public static final List<String> SCALINGS = List.of("z-score", "min-max", "none");

    /**
     * @param section the source's section, defaults filled in
     * @param prefix  its path, for messages (e.g. {@code data.ibl})
     * @throws IllegalArgumentException naming the key when a value is invalid
     */
    public static AlignmentRules read(Config section, String prefix) {
        RuleCheck check = new RuleCheck(prefix);
        double start = section.getDouble("window.start");
        double end = section.getDouble("window.end");
        double bin = section.getDouble("window.bin");
        check.require(end > start, "window.end", "must be after " + prefix + ".window.start (" + start + "), got " + end);
        check.require(bin > 0, "window.bin", "must be positive, got " + bin);
        double exactBins = (end - start) / bin;
        int bins = (int) Math.round(exactBins);
        check.require(bins >= 1 && Math.abs(exactBins - bins) < 1e-6, "window.bin",
                "must divide the window " + (end - start) + " s into whole bins, got " + bin);

        String select = section.getString("units.select");
        check.require(select.equals("all") || select.equals("good"), "units.select", "must be all or good, got '" + select + "'");
        double minRate = section.getDouble("units.min-rate");
        check.require(minRate >= 0, "units.min-rate", "must be ≥ 0, got " + minRate);

        double coverage = section.getDouble("coverage-tolerance");
        check.require(coverage >= 0, "coverage-tolerance", "must be ≥ 0, got " + coverage);
        String scaling = section.getString("scaling");
        check.require(SCALINGS.contains(scaling), "scaling", "must be z-score, min-max or none, got '" + scaling + "'");

        SplitRules split = new SplitRules(section.getDouble("split.train"), section.getDouble("split.val"),
                section.getDouble("split.test"), section.getLong("split.seed"));
        check.require(split.train() >= 0 && split.val() >= 0 && split.test() >= 0
                        && Math.abs(split.train() + split.val() + split.test() - 1) < 1e-9, "split",
                "train, val and test must be ≥ 0 and sum to 1, got " + split.train() + " + " + split.val() + " + " + split.test());
        return new AlignmentRules(new TrialWindow(start, end, bin, bins), new UnitRules(select.equals("good"), minRate),
                coverage, scaling, split);
    }

    /** The window as nested maps shaped like the config, for manifests and fingerprints. */
    public Map<String, Object> windowMap() {
        return RuleCheck.ordered("start", window.start(), "end", window.end(), "bin", window.binSize(), "bins", window.bins());
    }

    public Map<String, Object> unitsMap() {
        return RuleCheck.ordered("select", units.goodOnly() ? "good" : "all", "min-rate", units.minRate());
    }

    public Map<String, Object> splitMap() {
        return RuleCheck.ordered("train", split.train(), "val", split.val(), "test", split.test(), "seed", split.seed());
    }

    /** The window, units, coverage, scaling and split keys, in that order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", windowMap());
        m.put("units", unitsMap());
        m.put("coverage-tolerance", coverageTolerance);
        m.put("scaling", scaling);
        m.put("split", splitMap());
        return m;
    }
}
