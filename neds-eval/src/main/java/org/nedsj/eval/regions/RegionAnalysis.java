package org.nedsj.eval.regions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code neds analyze regions} found.
 *
 * @param provenance   run, checkpoint, data and settings, as key → value
 * @param neurons      per session, its neurons per region (unknown included)
 * @param scores       the embeddings' scores first ({@code shown} among them), then the firing-statistics baseline
 * @param shown        the features of the projection and of the first confusion matrix
 * @param projection   [2][neurons]: the shown features' first two principal components
 * @param regions      the region of each projected neuron
 */
public record RegionAnalysis(Map<String, String> provenance, Map<String, Map<String, Integer>> neurons, List<RegionScore> scores,
                             String shown, double[][] projection, List<String> regions) {

    public RegionAnalysis {
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        scores = List.copyOf(scores);
        regions = List.copyOf(regions);
    }

    /** The score of the features named {@code features}. */
    public RegionScore score(String features) {
        return scores.stream().filter(s -> s.features().equals(features)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no score of " + features));
    }
}
