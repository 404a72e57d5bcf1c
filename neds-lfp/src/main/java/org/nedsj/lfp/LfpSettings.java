package org.nedsj.lfp;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code data.lfp}: where the LFP stream is, which channels, the token windows and the bands.
 *
 * @param probe    probe folder under {@code raw_ephys_data/}
 * @param alignTo  the trials attribute the prepared dataset's windows were aligned to
 * @param channels which channels become features
 * @param window   seconds of each token's power window, centred on the token's bin
 * @param segment  seconds of a Welch segment (50 % overlap); the window's length gives one segment
 * @param bands    the frequency bands, in feature order
 * @param modality the modality's name
 */
public record LfpSettings(String probe, String alignTo, ChannelSelection channels, double window, double segment,
                          List<BandPower.Band> bands, String modality) {

    public static LfpSettings from(Config data) {
        Config c = data.getConfig("lfp");
        try {
            List<BandPower.Band> bands = new ArrayList<>();
            for (Config b : c.getConfigList("bands")) {
                double lo = b.getDouble("lo");
                double hi = b.getDouble("hi");
                if (!(lo >= 0 && hi > lo)) {
                    throw new IllegalArgumentException("data.lfp.bands: band " + b.getString("name") + " has lo " + lo + " and hi " + hi
                            + "; give 0 ≤ lo < hi in Hz");
                }
                bands.add(new BandPower.Band(b.getString("name"), lo, hi));
            }
            if (bands.isEmpty()) {
                throw new IllegalArgumentException("data.lfp.bands is empty; list at least one {name, lo, hi}");
            }
            double window = c.getDouble("window");
            double segment = c.getDouble("welch.segment");
            if (!(window > 0) || !(segment > 0) || segment > window) {
                throw new IllegalArgumentException("data.lfp.window (" + window + " s) and data.lfp.welch.segment (" + segment
                        + " s) must be positive, the segment no longer than the window");
            }
            ChannelSelection channels = new ChannelSelection(c.getString("channels.select"), c.getInt("channels.step"),
                    c.getStringList("channels.regions"));
            return new LfpSettings(c.getString("probe"), c.getString("align-to"), channels, window, segment, bands,
                    c.getString("modality"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("data.lfp: " + e.getMessage(), e);
        }
    }

    /** What the features depend on, for fingerprints and the feature file's record. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("probe", probe);
        m.put("align-to", alignTo);
        m.put("channels", channels.describe());
        m.put("window", window);
        m.put("segment", segment);
        m.put("bands", bands.stream().map(b -> b.name() + "[" + b.lo() + "," + b.hi() + ")").toList());
        return m;
    }
}
