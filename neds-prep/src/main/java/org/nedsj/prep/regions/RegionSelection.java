package org.nedsj.prep.regions;

import com.typesafe.config.Config;
import org.nedsj.prep.store.PreparedSessionData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Which neurons a run uses, by region, at read time (nothing is prepared again): {@code data.region-map}
 * relabels each neuron's region to a coarser parcel, then {@code data.regions} keeps only the neurons of
 * the listed regions (parcels when a map is given); empty keeps every neuron. A session with no neuron
 * of those regions is left out.
 *
 * @param regions the regions kept; empty: all
 * @param map     the relabelling
 */
public record RegionSelection(List<String> regions, RegionMap map) {

    public static final RegionSelection ALL = new RegionSelection(List.of(), RegionMap.IDENTITY);

    public RegionSelection {
        regions = List.copyOf(regions);
    }

    /** {@code data.regions} and {@code data.region-map} of the experiment's {@code data} section (absent keys: all, none). */
    public static RegionSelection from(Config data) {
        List<String> regions = data.hasPath("regions") ? data.getStringList("regions") : List.of();
        String map = data.hasPath("region-map") ? data.getString("region-map") : "";
        return new RegionSelection(regions, map.isBlank() ? RegionMap.IDENTITY : RegionMap.read(Path.of(map)));
    }

    public boolean keepsAll() {
        return regions.isEmpty();
    }

    /**
     * The sessions relabelled and restricted.
     *
     * @param log receives a line per session left out (when some session is kept)
     * @throws IllegalArgumentException naming {@code data.regions} and the regions there are when no session keeps a neuron
     */
    public List<PreparedSessionData> apply(List<PreparedSessionData> sessions, Consumer<String> log) {
        if (keepsAll() && map.size() == 0) {
            return sessions;
        }
        Set<String> wanted = new LinkedHashSet<>(regions);
        List<PreparedSessionData> out = new ArrayList<>();
        Map<String, Integer> available = new TreeMap<>();
        List<String> leftOut = new ArrayList<>();
        for (PreparedSessionData s : sessions) {
            PreparedSessionData relabelled = s.withRegions(map::parcel);
            relabelled.unitRegions().orElseThrow().forEach(r -> available.merge(r, 1, Integer::sum));
            Optional<PreparedSessionData> kept = keepsAll() ? Optional.of(relabelled) : relabelled.restrictedTo(wanted::contains);
            if (kept.isPresent()) {
                out.add(kept.get());
            } else {
                leftOut.add("session " + s.info().id() + " has no neuron in data.regions " + regions + "; it is left out");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("data.regions " + regions + " keeps no neuron of any session" + mapNote()
                    + "; the sessions' neurons per region are " + available);
        }
        leftOut.forEach(log);
        return out;
    }

    private String mapNote() {
        return map.file() == null ? "" : " (regions relabelled by data.region-map " + map.file() + ")";
    }

    /** How the selection reads in a report: {@code all} or the list, with the map's file. */
    public String describe() {
        return (keepsAll() ? "all" : String.join(", ", regions)) + mapNote();
    }
}
