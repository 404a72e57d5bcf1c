package org.nedsj.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;

import org.nedsj.prep.align.AlignmentRules;
import org.nedsj.prep.align.SplitRules;
import org.nedsj.prep.align.TrialWindow;
import org.nedsj.prep.align.UnitRules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every preprocessing rule of {@code data.ibl} (see reference.conf), read and checked once.
 *
 * @param alignTo            trial attribute the windows are aligned to
 * @param window             the trial window and its bins
 * @param trials             which trials are kept
 * @param units              which units are kept
 * @param sortingCollections spike-sorting collections inside a probe folder, preferred first ("" = the folder)
 * @param wheel              wheel-speed processing
 * @param camera             camera of the whisker motion energy: left, right or body
 * @param coverageTolerance  largest gap allowed between a window edge and a behaviour's samples, seconds
 * @param scaling            how wheel and whisker are scaled per session: {@code z-score}, {@code min-max} or {@code none}
 * @param split              the seeded train/val/test split
 * @param allenTable         the Allen id → acronym table of the channels' locations; null: the built-in one. The file is an
 *                           input of the sessions that use it (it enters their fingerprint), so it is not in {@link #toMap()}
 */
public record PreprocessingConfig(String alignTo, TrialWindow window, TrialRules trials, UnitRules units,
                                  List<String> sortingCollections, WheelRules wheel, String camera,
                                  double coverageTolerance, String scaling, SplitRules split, java.nio.file.Path allenTable) {

    /**
     * @param filter           {@code neds} or {@code bwm}
     * @param required         attributes that must not be NaN
     * @param minReactionTime  of the chosen filter, seconds
     * @param maxReactionTime  of the chosen filter, seconds
     * @param maxFeedbackDelay longest feedback − goCue, seconds
     * @param blockLevels      probabilityLeft of each block class
     */
    public record TrialRules(String filter, List<String> required, double minReactionTime, double maxReactionTime,
                             double maxFeedbackDelay, List<Double> blockLevels) {
        public TrialRules {
            required = List.copyOf(required);
            blockLevels = List.copyOf(blockLevels);
        }
    }

    /** @param rate interpolation rate, Hz @param filterOrder Butterworth order @param cutoff Butterworth cut-off, Hz */
    public record WheelRules(double rate, int filterOrder, double cutoff) {
    }

    public PreprocessingConfig {
        sortingCollections = List.copyOf(sortingCollections);
    }

    /** The defaults of this module's reference.conf. */
    public static PreprocessingConfig defaults() {
        return from(ConfigFactory.empty());
    }

    /** The {@code data} section of this module's reference.conf (every key with its default). */
    public static Config referenceData() {
        return ConfigFactory.parseResources(PreprocessingConfig.class.getClassLoader(), "reference.conf").resolve().getConfig("data");
    }

    /**
     * Reads {@code data.ibl} from the experiment's {@code data} section; keys it lacks take the defaults.
     *
     * @throws IllegalArgumentException naming the key when a value is invalid
     */
    public static PreprocessingConfig from(Config data) {
        Config c = data.withFallback(referenceData()).getConfig("ibl");
        try {
            return read(c);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("data.ibl: " + e.getMessage(), e);
        }
    }

    private static PreprocessingConfig read(Config c) {
        AlignmentRules shared = AlignmentRules.read(c, "data.ibl");
        String filter = c.getString("trials.filter");
        require(filter.equals("neds") || filter.equals("bwm"), "trials.filter", "must be neds or bwm, got '" + filter + "'");
        TrialRules trials = new TrialRules(filter, c.getStringList("trials.required"),
                c.getDouble("trials." + filter + ".min-reaction-time"), c.getDouble("trials." + filter + ".max-reaction-time"),
                c.getDouble("trials.max-feedback-delay"), c.getDoubleList("trials.block-levels"));
        require(trials.blockLevels().size() >= 2, "trials.block-levels", "needs at least two levels");

        List<String> collections = c.getStringList("spike-sorting.collections");
        require(!collections.isEmpty(), "spike-sorting.collections", "must name at least one collection (\"\" = the probe folder)");

        WheelRules wheel = new WheelRules(c.getDouble("wheel.rate"), c.getInt("wheel.filter-order"), c.getDouble("wheel.cutoff"));
        require(wheel.rate() > 0, "wheel.rate", "must be positive, got " + wheel.rate());
        require(wheel.filterOrder() >= 1 && wheel.filterOrder() <= 20, "wheel.filter-order", "must be 1..20, got " + wheel.filterOrder());
        require(wheel.cutoff() > 0 && wheel.cutoff() < wheel.rate() / 2, "wheel.cutoff",
                "must lie between 0 and half of data.ibl.wheel.rate (" + wheel.rate() / 2 + " Hz), got " + wheel.cutoff());

        String camera = c.getString("whisker.camera");
        require(camera.equals("left") || camera.equals("right") || camera.equals("body"), "whisker.camera",
                "must be left, right or body, got '" + camera + "'");
        String table = c.getString("regions.allen-table");
        return new PreprocessingConfig(c.getString("align-to"), shared.window(), trials, shared.units(), collections, wheel,
                camera, shared.coverageTolerance(), shared.scaling(), shared.split(), table.isBlank() ? null : java.nio.file.Path.of(table));
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("data.ibl." + key + " " + problem);
        }
    }

    /** The rules every data source shares. */
    public AlignmentRules alignment() {
        return new AlignmentRules(window, units, coverageTolerance, scaling, split);
    }

    /** The rules as nested maps shaped like {@code data.ibl}, for the manifest and the fingerprint. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("align-to", alignTo);
        m.put("window", alignment().windowMap());
        m.put("trials", ordered("filter", trials.filter(), "required", trials.required(),
                "min-reaction-time", trials.minReactionTime(), "max-reaction-time", trials.maxReactionTime(),
                "max-feedback-delay", trials.maxFeedbackDelay(), "block-levels", trials.blockLevels()));
        m.put("units", alignment().unitsMap());
        m.put("spike-sorting", ordered("collections", sortingCollections));
        m.put("wheel", ordered("rate", wheel.rate(), "filter-order", wheel.filterOrder(), "cutoff", wheel.cutoff()));
        m.put("whisker", ordered("camera", camera));
        m.put("coverage-tolerance", coverageTolerance);
        m.put("scaling", scaling);
        m.put("split", alignment().splitMap());
        return m;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
