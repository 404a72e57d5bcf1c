package org.nedsj.trainer.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.eval.regions.RegionAnalysis;
import org.nedsj.eval.regions.RegionDecoding;
import org.nedsj.eval.regions.RegionScore;
import org.nedsj.model.ModelConfig;
import org.nedsj.model.NedsModel;
import org.nedsj.trainer.analysis.NeuronEmbeddings;
import org.nedsj.trainer.analysis.RegionEmbeddingAnalysis;
import org.nedsj.trainer.run.RunDirectory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The region analysis on {@link ToyData}, whose neurons' "region" is the sign of their tuning to wheel and
 * choice (up, down, flat): the embeddings of a trained model tell it well above chance across sessions,
 * those of an untrained one do not.
 */
class RegionEmbeddingsTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final ModelConfig CONFIG = new ModelConfig(32, 2, 2, 64, "layer", 0, 0, true, 10000, 0, 1e-5,
            org.nd4j.linalg.api.buffer.DataType.FLOAT);

    private final ToyData data = new ToyData(21, 60, 40, 40, 40, 40);

    private RegionAnalysis analyse(NedsModel model) {
        return RegionEmbeddingAnalysis.analyse(model, data, Map.of(), NeuronEmbeddings.Kind.BOTH, new RegionDecoding(4, 0.01, 300), Map.of());
    }

    @Test
    void anUntrainedModelsEmbeddingsAreAtChance() {
        RegionAnalysis a = analyse(TrainerFixture.model(data, CONFIG, 3));
        for (String kind : new String[]{"input embedding", "output embedding", "input+output embedding"}) {
            RegionScore s = a.score(kind);
            assertEquals(4, s.folds());
            assertEquals(160, s.neurons());
            assertTrue(s.balancedAccuracy() < s.balancedChance() + 0.12, kind + ": balanced accuracy " + s.balancedAccuracy()
                    + " against chance " + s.balancedChance());
        }
    }

    @Test
    void aTrainedModelsEmbeddingsTellTheRegionWellAboveChance(@TempDir Path dir) throws IOException {
        NedsModel model = TrainerFixture.model(data, CONFIG, 3);
        TrainingOptions options = TrainerFixture.options(25, 1e-2);
        TrainerFixture.trainer(model, data, TrainerFixture.adam(options), TrainerState.start(), options,
                RunDirectory.create(dir.resolve("run")), QUIET).run();
        RegionAnalysis a = analyse(model);
        RegionScore both = a.score("input+output embedding");
        assertTrue(both.balancedAccuracy() > both.balancedChance() + 0.3, "balanced accuracy " + both.balancedAccuracy()
                + " against chance " + both.balancedChance());
        assertTrue(both.accuracy() > both.majorityChance() + 0.2, "accuracy " + both.accuracy() + " against " + both.majorityChance());
        assertEquals(2, a.projection().length);
        assertEquals(both.neurons(), a.projection()[0].length);
    }
}
