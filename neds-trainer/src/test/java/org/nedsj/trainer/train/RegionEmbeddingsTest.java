package org.nedsj.trainer.train;

import org.junit.jupiter.api.Test;
import org.nedsj.eval.regions.RegionAnalysis;
import org.nedsj.eval.regions.RegionDecoding;
import org.nedsj.eval.regions.RegionScore;
import org.nedsj.model.ModelConfig;
import org.nedsj.model.NedsModel;
import org.nedsj.trainer.analysis.NeuronEmbeddings;
import org.nedsj.trainer.analysis.RegionEmbeddingAnalysis;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The region analysis on {@link ToyData}, whose neurons' "region" is the sign of their tuning to wheel and
 * choice (up, down, flat): the embeddings of an untrained model, random stitchers, are at chance. (A
 * trained model on planted regions: {@code RegionAnalysisTest} in neds-dist, slow.)
 */
class RegionEmbeddingsTest {

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
        // the same classifier finds what is there: tuned neurons fire more, and more irregularly, than flat ones
        RegionScore firing = a.score("firing statistics");
        assertTrue(firing.balancedAccuracy() > firing.balancedChance() + 0.15, "firing statistics: " + firing.balancedAccuracy());
    }
}
