package org.nedsj.lfp;

import org.nedsj.prep.store.Manifest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared dataset's trial window ({@code window} of its manifest's config): start relative to the
 * alignment event, bin width and bins.
 */
record TrialWindow(double start, double bin, int bins) {

    static TrialWindow of(Manifest manifest, Path dir) {
        if (manifest.config().get("window") instanceof Map<?, ?> w && w.get("start") instanceof Number start
                && w.get("bin") instanceof Number bin) {
            return new TrialWindow(start.doubleValue(), bin.doubleValue(), manifest.bins());
        }
        throw new IllegalArgumentException(dir.resolve("manifest.json") + " records no trial window (config.window.start and .bin);"
                + " prepare the dataset again with this version");
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", start);
        m.put("bin", bin);
        m.put("bins", bins);
        return m;
    }
}
