package org.nedsj.nwb;

import org.nedsj.prep.align.AlignmentInput;
import org.nedsj.prep.align.AlignmentInput.DynamicBehaviour;
import org.nedsj.prep.align.AlignmentInput.StaticBehaviour;
import org.nedsj.prep.align.AlignmentRules;
import org.nedsj.prep.align.PreparedSession;
import org.nedsj.prep.align.TrialAligner;
import org.nedsj.prep.align.TrialSelection;
import org.nedsj.prep.align.UnitRules;
import org.nedsj.prep.behaviour.IrregularSignal;
import org.nedsj.prep.behaviour.SampledSignal;
import org.nedsj.prep.behaviour.WheelSpeed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one NWB file through a mapping and prepares it with the shared alignment: the trial rules
 * here, then {@link TrialAligner}. Spike trains are read one unit at a time while binning.
 */
public final class NwbSessionReader {

    private final NwbMapping mapping;

    public NwbSessionReader(NwbMapping mapping) {
        this.mapping = mapping;
    }

    /** The session id of a file: its name without {@code .nwb}, characters other than A-Z a-z 0-9 . _ - replaced by -. */
    public static String sessionId(Path file) {
        String name = file.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".nwb") ? name.substring(0, name.length() - 4) : name;
        return stem.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /**
     * @throws NwbDataException naming the file and object when the file does not hold what the mapping names
     * @throws org.nedsj.prep.align.IncompleteSessionException when no trial or no unit survives the filters
     */
    public PreparedSession prepare(Path path) {
        try (NwbFile file = NwbFile.open(path)) {
            UnitsTable units = new UnitsTable(file, mapping.unitsTable());
            AlignmentInput input = input(file, units);
            return new TrialAligner(rules(input.good())).align(input).withUnitRegions(regions(file, units));
        }
    }

    /** Each unit's electrodes-table location, when the file records one (else every region is unknown). */
    private String[] regions(NwbFile file, UnitsTable units) {
        if (!file.has(mapping.electrodesTable() + "/location")) {
            return new String[0];
        }
        return units.locations(mapping.electrodesTable()).orElse(new String[0]);
    }

    /** Units are chosen (not only filtered by rate) when quality, regions or observation intervals rule some out. */
    private AlignmentRules rules(boolean[] selected) {
        AlignmentRules r = mapping.rules();
        boolean selective = false;
        for (boolean s : selected) {
            selective |= !s;
        }
        return new AlignmentRules(r.window(), new UnitRules(selective, r.units().minRate()), r.coverageTolerance(), r.scaling(), r.split());
    }

    private AlignmentInput input(NwbFile file, UnitsTable units) {
        TrialsTable trials = new TrialsTable(file, mapping.trialsTable());
        List<int[]> classOfRow = mapping.statics().stream().map(s -> TrialRules.classes(trials, s)).toList();
        TrialSelection selection = TrialRules.select(trials, mapping, classOfRow);
        List<DynamicBehaviour> dynamic = new ArrayList<>();
        for (NwbMapping.Dynamic d : mapping.dynamic()) {
            dynamic.add(new DynamicBehaviour(d.name(), signal(file, d)));
        }
        List<StaticBehaviour> statics = new ArrayList<>();
        for (int s = 0; s < mapping.statics().size(); s++) {
            NwbMapping.Static st = mapping.statics().get(s);
            statics.add(new StaticBehaviour(st.name(), st.classes().size(), classOfRow.get(s)));
        }
        return new AlignmentInput(sessionId(file.path()), file.path().toString(), trials.path(), List.of(units.path()), trials.size(),
                trials.numbers(mapping.alignTo(), NwbMapping.PREFIX + ".align-to"), selection, dynamic, statics, units.trains(),
                units.size(), selected(file, units, trials, selection), units.spikeCount(), 0);
    }

    private SampledSignal signal(NwbFile file, NwbMapping.Dynamic d) {
        SampledSignal raw = BehaviourSeries.read(file, d.series(), NwbMapping.PREFIX + ".dynamic." + d.name() + ".series");
        return switch (d.transform()) {
            case "speed" -> {
                double[][] tv = samples(raw);
                NwbMapping.Speed s = mapping.speed();
                yield WheelSpeed.of(tv[0], tv[1], s.rate(), s.filterOrder(), s.cutoff());
            }
            case "abs" -> {
                double[][] tv = samples(raw);
                for (int i = 0; i < tv[1].length; i++) {
                    tv[1][i] = Math.abs(tv[1][i]);
                }
                yield new IrregularSignal(tv[0], tv[1]);
            }
            default -> raw;
        };
    }

    private static double[][] samples(SampledSignal s) {
        double[] t = new double[s.size()];
        double[] v = new double[s.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.time(i);
            v[i] = s.value(i);
        }
        return new double[][]{t, v};
    }

    /**
     * Per unit, whether it passes the quality rule (units.select = good), lies in a chosen region, and
     * was observed (obs_intervals) during every window of the trials the trial rules keep.
     */
    private boolean[] selected(NwbFile file, UnitsTable units, TrialsTable trials, TrialSelection selection) {
        double[] align = trials.numbers(mapping.alignTo(), NwbMapping.PREFIX + ".align-to");
        int[] rows = selection.rows();
        double[] t0 = new double[rows.length];
        double[] t1 = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            t0[k] = align[rows[k]] + mapping.rules().window().start();
            t1[k] = align[rows[k]] + mapping.rules().window().end();
        }
        boolean[] ok = units.observed(t0, t1);
        if (mapping.rules().units().goodOnly()) {
            String[] quality = units.textColumn(mapping.qualityColumn()).orElseThrow(() -> new NwbDataException(file.path()
                    + ": data.nwb.units.select = good, but the units table has no column '" + mapping.qualityColumn()
                    + "' (data.nwb.units.quality-column); name its quality column or set units.select = all"));
            for (int u = 0; u < ok.length; u++) {
                ok[u] &= mapping.goodValues().contains(quality[u]);
            }
        }
        if (!mapping.regions().isEmpty()) {
            Optional<String[]> locations = units.locations(mapping.electrodesTable());
            String[] where = locations.orElseThrow(() -> new NwbDataException(file.path() + ": data.nwb.units.regions is set, but "
                    + "the units table has no electrodes column to find regions in; leave units.regions empty"));
            for (int u = 0; u < ok.length; u++) {
                ok[u] &= mapping.regions().contains(where[u]);
            }
        }
        return ok;
    }
}
