package org.nedsj.trainer.evaluate;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.nedsj.spi.ModalitySpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RankOneReadoutsTest {

    private static final List<ModalitySpec> MODALITIES = List.of(ModalitySpec.neuralCounts("spikes", 10),
            ModalitySpec.dynamicBehaviour("wheel", 10), ModalitySpec.staticBehaviour("choice", 2),
            ModalitySpec.staticBehaviour("block", 3));

    @Test
    void bothSidesOfRankOneOrNeitherSayNothing() {
        assertEquals(List.of(), RankOneReadouts.unmatched(ConfigFactory.parseString(
                "model.modalities.block.fit-rank-one = true, eval.baselines.logistic.rank-one = [block]"), MODALITIES));
        assertEquals(List.of(), RankOneReadouts.unmatched(ConfigFactory.parseString(
                "model.modalities.block.fit-rank-one = false, eval.baselines.logistic.rank-one = []"), MODALITIES));
    }

    @Test
    void oneSideOfRankOneIsNamedWithItsKey() {
        assertEquals(List.of("note: block is read at rank one by the model (model.modalities.block.fit-rank-one) and at "
                        + "full rank by the logistic baseline (eval.baselines.logistic.rank-one): the comparison is not like for like"),
                RankOneReadouts.unmatched(ConfigFactory.parseString(
                        "model.modalities.block.fit-rank-one = true, eval.baselines.logistic.rank-one = []"), MODALITIES));
        assertEquals(List.of("note: block is read at full rank by the model (model.modalities.block.fit-rank-one) and at "
                        + "rank one by the logistic baseline (eval.baselines.logistic.rank-one): the comparison is not like for like"),
                RankOneReadouts.unmatched(ConfigFactory.parseString("eval.baselines.logistic.rank-one = [block]"), MODALITIES));
    }

    @Test
    void twoClassesAreOfRankOneEitherWay() {
        assertEquals(List.of(), RankOneReadouts.unmatched(ConfigFactory.parseString(
                "model.modalities.choice.fit-rank-one = true, eval.baselines.logistic.rank-one = []"), MODALITIES));
    }
}
