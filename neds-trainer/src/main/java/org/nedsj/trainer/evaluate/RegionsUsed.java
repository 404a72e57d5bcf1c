package org.nedsj.trainer.evaluate;

import com.typesafe.config.Config;
import org.nedsj.spi.DataSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which brain regions an evaluation used: {@code data.regions} (all when empty), the map they were
 * relabelled with, and the evaluated sessions' neurons per region.
 */
final class RegionsUsed {

    private RegionsUsed() {
    }

    static String describe(Config config, DataSource data, List<String> sessions) {
        List<String> regions = config.hasPath("data.regions") ? config.getStringList("data.regions") : List.of();
        String map = config.hasPath("data.region-map") ? config.getString("data.region-map") : "";
        Map<String, Integer> neurons = new TreeMap<>();
        for (String id : sessions) {
            data.session(id).unitRegions().ifPresent(r -> r.forEach(region -> neurons.merge(region, 1, Integer::sum)));
        }
        return (regions.isEmpty() ? "all (data.regions = [])" : String.join(", ", regions) + " (data.regions)")
                + (map.isBlank() ? "" : ", relabelled by data.region-map " + map)
                + "; neurons per region: " + (neurons.isEmpty() ? "not recorded by this data source" : neurons);
    }
}
