package org.nedsj.trainer.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.nedsj.trainer.experiment.ScalePresets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code train.parallel.replicas}, {@code train.accumulate} and the {@code auto} settings, read and checked. */
class ParallelOptionsTest {

    private static TrainingOptions read(String settings) {
        Config train = ConfigFactory.parseString(settings).withFallback(ConfigFactory.defaultReference().getConfig("train"));
        return TrainingOptions.from(train, 3, 64);
    }

    private static String failure(String settings) {
        return assertThrows(IllegalArgumentException.class, () -> read(settings)).getMessage();
    }

    @Test
    void defaultsAreOneReplicaWithoutAccumulation() {
        TrainingOptions o = read("");
        assertEquals(1, o.replicas());
        assertEquals(1, o.accumulate());
        assertEquals(16, o.stepTrials());
    }

    @Test
    void replicasAccumulateAndAutoAreRead() {
        TrainingOptions o = read("parallel.replicas = 2, accumulate = 4, batch-size = 8");
        assertEquals(2, o.replicas());
        assertEquals(32, o.stepTrials());
        TrainingOptions auto = read("parallel.replicas = auto, batch-size = auto");
        assertEquals(3, auto.replicas());
        assertEquals(64, auto.batchSize());
    }

    @Test
    void badValuesGetOneMessageNamingTheKeyAndTheFix() {
        assertEquals("train.parallel.replicas = 0: must be at least 1; fix it in the experiment file or with "
                + "--set train.parallel.replicas=…", failure("parallel.replicas = 0"));
        assertEquals("train.parallel.replicas = \"many\": must be a whole number or auto; fix it in the experiment file "
                + "or with --set train.parallel.replicas=…", failure("parallel.replicas = many"));
        assertEquals("train.accumulate = 0: must be at least 1; fix it in the experiment file or with "
                + "--set train.accumulate=…", failure("accumulate = 0"));
        assertEquals("train.accumulate = \"auto\": must be a whole number; fix it in the experiment file or with "
                + "--set train.accumulate=…", failure("accumulate = auto"));
        assertEquals("train.batch-size = \"large\": must be a whole number or auto; fix it in the experiment file or "
                + "with --set train.batch-size=…", failure("batch-size = large"));
    }

    @Test
    void selectIsReadAndAnUnknownValueIsRefusedNamingTheKey() {
        assertEquals(false, read("").keepsLast());
        assertEquals(true, read("select = last").keepsLast());
        assertEquals(false, read("select = validation").keepsLast());
        assertEquals("train.select = best: must be validation (the best validated epoch's weights) or last (the last "
                + "epoch's); fix it in the experiment file or with --set train.select=…", failure("select = best"));
    }

    @Test
    void autoPresetsFollowNedsByTrainingSessions() {
        assertEquals("neds-5", ScalePresets.preset(1));
        assertEquals("neds-5", ScalePresets.preset(10));
        assertEquals("neds-16", ScalePresets.preset(11));
        assertEquals("neds-16", ScalePresets.preset(69));
        assertEquals("neds-22", ScalePresets.preset(70));
        assertEquals(16, ScalePresets.batchSize(40));
        assertEquals(64, ScalePresets.batchSize(41));
        assertEquals(1, ScalePresets.replicas(), "one replica on the CPU backend");
        Config presets = ConfigFactory.defaultReference().getConfig("model.presets");
        for (String name : new String[]{"neds-5", "neds-16", "neds-22"}) {
            Config p = presets.getConfig(name);
            assertEquals(Integer.parseInt(name.substring(5)), p.getInt("layers"), name);
            assertEquals(256, p.getInt("hidden"), name);
            assertEquals(8, p.getInt("heads"), name);
            assertEquals(512, p.getInt("mlp"), name);
        }
    }
}
