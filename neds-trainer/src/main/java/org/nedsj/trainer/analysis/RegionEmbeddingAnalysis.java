package org.nedsj.trainer.analysis;

import org.nedsj.eval.regions.EmbeddingProjection;
import org.nedsj.eval.regions.NeuronTable;
import org.nedsj.eval.regions.RegionAnalysis;
import org.nedsj.eval.regions.RegionDecoding;
import org.nedsj.eval.regions.RegionScore;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;
import org.nedsj.trainer.config.ConfigOverrides;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.run.RunDirectory;
import org.nedsj.trainer.run.SessionTableFile;
import org.nedsj.trainer.train.Checkpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * {@code neds analyze regions}: whether a trained model's neuron embeddings ({@link NeuronEmbeddings})
 * carry the brain region each neuron was recorded in, which the model never saw. Every neuron of a
 * known region (not {@code unknown}) of the model's sessions in the data is a row; its region is
 * decoded from the input, the output and both embeddings, and from firing statistics alone
 * ({@link FiringStatistics}, train split), each cross-validated over sessions ({@link RegionDecoding}).
 */
public final class RegionEmbeddingAnalysis {

    private RegionEmbeddingAnalysis() {
    }

    /**
     * @param data      a prepared dataset other than the run's own, or null
     * @param parcel    relabels each neuron's region before it is decoded (e.g. to a coarser level)
     * @param mapName   where {@code parcel} comes from, for the report; null when it is the identity
     */
    public static RegionAnalysis run(Path runDir, Path data, String embedding, RegionDecoding decoding,
                                     UnaryOperator<String> parcel, String mapName) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        List<String> overrides = new ArrayList<>();
        if (data != null) {
            overrides.add(ConfigOverrides.setString("data.path", data.toAbsolutePath().toString()));
        }
        try (Experiment experiment = Experiment.open(run.config(), overrides)) {
            Path checkpoint = Files.exists(run.bestCheckpoint()) ? run.bestCheckpoint() : run.latestCheckpoint();
            NedsModel model = Checkpoints.load(checkpoint, experiment.codecs()).model();
            Map<String, long[]> trainedUnits = Files.exists(run.sessions()) ? SessionTableFile.readUnits(run.sessions()) : Map.of();
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("run", run.root().toString());
            provenance.put("checkpoint", run.root().relativize(checkpoint).toString());
            provenance.put("data", experiment.config().getString("data.path"));
            if (mapName != null) {
                provenance.put("region map", mapName);
            }
            return analyse(model, experiment.data(), trainedUnits, NeuronEmbeddings.Kind.parse(embedding), decoding, parcel, provenance);
        }
    }

    /**
     * @param trainedUnits the unit ids each session was trained on (checked against the data's), possibly empty
     */
    public static RegionAnalysis analyse(NedsModel model, DataSource data, Map<String, long[]> trainedUnits, NeuronEmbeddings.Kind shown,
                                         RegionDecoding decoding, Map<String, String> provenance) {
        return analyse(model, data, trainedUnits, shown, decoding, UnaryOperator.identity(), provenance);
    }

    /** As above, each region relabelled by {@code parcel} ({@code unknown} stays unknown). */
    public static RegionAnalysis analyse(NedsModel model, DataSource data, Map<String, long[]> trainedUnits, NeuronEmbeddings.Kind shown,
                                         RegionDecoding decoding, UnaryOperator<String> parcel,
                                         Map<String, String> provenance) {
        ModalitySpec neural = model.specs().stream().filter(ModalitySpec::isNeural).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the model has no neural modality whose neurons could be embedded"));
        NeuronEmbeddings embeddings = new NeuronEmbeddings(model, neural.name());
        Map<NeuronEmbeddings.Kind, List<double[]>> features = new LinkedHashMap<>();
        Arrays.stream(NeuronEmbeddings.Kind.values()).forEach(k -> features.put(k, new ArrayList<>()));
        List<double[]> firing = new ArrayList<>();
        List<String> regions = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        List<String> inData = data.sessions().stream().map(SessionInfo::id).toList();
        for (int row = 0; row < model.sessions().size(); row++) {
            SessionInfo trained = model.sessions().get(row);
            if (!inData.contains(trained.id())) {
                continue;
            }
            SessionData session = data.session(trained.id());
            List<String> r = regionsOf(session, trained, trainedUnits.get(trained.id())).stream()
                    .map(region -> region.equals("unknown") ? region : parcel.apply(region)).toList();
            counts.put(trained.id(), tally(r));
            double[][] stats = FiringStatistics.of(session, neural.name(), neural.tokensPerTrial(), Split.TRAIN);
            Map<NeuronEmbeddings.Kind, double[][]> e = new LinkedHashMap<>();
            for (NeuronEmbeddings.Kind k : NeuronEmbeddings.Kind.values()) {
                e.put(k, embeddings.of(k, row, r.size()));
            }
            for (int n = 0; n < r.size(); n++) {
                if (r.get(n).equals("unknown")) {
                    continue;
                }
                for (NeuronEmbeddings.Kind k : NeuronEmbeddings.Kind.values()) {
                    features.get(k).add(e.get(k)[n]);
                }
                firing.add(stats[n]);
                regions.add(r.get(n));
                sessions.add(trained.id());
            }
        }
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("no neuron of the model's sessions in the data has a known region (neurons per region: "
                    + counts + "); prepare sessions whose ALF probes have clusters.brainLocationAcronyms_ccf_2017 or "
                    + "channels.brainLocationIds_ccf_2017 (neds synth --regions writes them)");
        }
        List<RegionScore> scores = new ArrayList<>();
        for (NeuronEmbeddings.Kind k : NeuronEmbeddings.Kind.values()) {
            scores.add(decoding.crossValidate(k.label(), new NeuronTable(features.get(k).toArray(double[][]::new), regions, sessions)));
        }
        scores.add(decoding.crossValidate("firing statistics", new NeuronTable(firing.toArray(double[][]::new), regions, sessions)));
        Map<String, String> p = new LinkedHashMap<>(provenance);
        p.put("embedding shown", shown.label());
        p.put("classifier", String.format(Locale.ROOT, "multinomial logistic regression, L2 penalty %.3g, z-scored features, "
                + "%d folds at most, grouped by session", decoding.penalty(), decoding.folds()));
        p.put("neurons", regions.size() + " with a known region" + unknownNote(counts));
        double[][] projection = EmbeddingProjection.firstTwo(features.get(shown).toArray(double[][]::new));
        return new RegionAnalysis(p, counts, scores, shown.label(), projection, regions);
    }

    private static List<String> regionsOf(SessionData session, SessionInfo trained, long[] trainedUnits) {
        List<String> r = session.unitRegions().orElseThrow(() -> new IllegalArgumentException("the data source of session "
                + trained.id() + " does not record its units' regions; analyse a prepared dataset (neds prepare)"));
        if (r.size() != trained.neurons()) {
            throw new IllegalArgumentException("session " + trained.id() + " has " + r.size() + " neurons in the data but "
                    + trained.neurons() + " in the model; analyse it with the data (and data.regions) it was trained on");
        }
        if (trainedUnits != null && session.unitIds().isPresent() && !Arrays.equals(trainedUnits, session.unitIds().get())) {
            throw new IllegalArgumentException("session " + trained.id() + ": the data's units are not the ones the model was trained on; "
                    + "analyse it with the data it was trained on");
        }
        return r;
    }

    private static Map<String, Integer> tally(List<String> regions) {
        Map<String, Integer> c = new TreeMap<>();
        regions.forEach(r -> c.merge(r, 1, Integer::sum));
        return c;
    }

    private static String unknownNote(Map<String, Map<String, Integer>> counts) {
        int unknown = counts.values().stream().mapToInt(m -> m.getOrDefault("unknown", 0)).sum();
        return unknown == 0 ? "" : "; " + unknown + " of unknown region left out";
    }
}
