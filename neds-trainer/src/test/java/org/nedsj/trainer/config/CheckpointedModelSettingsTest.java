package org.nedsj.trainer.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model setting given to a command that takes the model from a checkpoint is refused unless it is the run's own. */
class CheckpointedModelSettingsTest {

    @TempDir
    Path dir;

    private Path run;

    @BeforeEach
    void aRunsResolvedConfiguration() throws IOException {
        run = Files.writeString(dir.resolve("resolved.conf"), """
                data.path = "/data/prepared"
                model {
                  preset = demo
                  layers = 2
                  dropout = 0.3
                  modalities.spikes { fit-session-readout = true, weight = 1.0 }
                }
                train.lr = 2e-3
                """);
    }

    @Test
    void aDifferentValueIsRefusedNamingTheFlagTheRunsValueAndWhereItTakesEffect() {
        var e = assertThrows(IllegalArgumentException.class, () -> CheckpointedModelSettings.refuseChanges(run,
                List.of("train.lr=1e-3", "model.dropout=0.5"), new Properties(), "neds finetune"));
        assertEquals("--set model.dropout=0.5: neds finetune builds the model from the run's checkpoint, whose "
                + "model.dropout = 0.3, so the setting would have no effect; a model setting takes effect when a run "
                + "starts (neds train --config EXPERIMENT --set model.dropout=0.5)", e.getMessage());
    }

    @Test
    void aModalitySettingGivenAsAnObjectIsCheckedKeyByKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> CheckpointedModelSettings.refuseChanges(run,
                List.of("model.modalities.spikes={weight = 1, fit-session-readout = false}"), new Properties(),
                "neds train --resume"));
        assertEquals("--set model.modalities.spikes={weight = 1, fit-session-readout = false}: neds train --resume builds "
                + "the model from the run's checkpoint, whose model.modalities.spikes.fit-session-readout = true, so the "
                + "setting would have no effect; a model setting takes effect when a run starts (neds train --config "
                + "EXPERIMENT --set model.modalities.spikes.fit-session-readout=false)", e.getMessage());
    }

    @Test
    void aKeyTheRunDoesNotHaveIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> CheckpointedModelSettings.refuseChanges(run,
                List.of("model.modalities.wheel.weight=2"), new Properties(), "neds finetune"));
        assertEquals("--set model.modalities.wheel.weight=2: neds finetune builds the model from the run's checkpoint, "
                + "which has no model.modalities.wheel.weight, so the setting would have no effect; a model setting "
                + "takes effect when a run starts (neds train --config EXPERIMENT --set model.modalities.wheel.weight=2)",
                e.getMessage());
    }

    @Test
    void aSystemPropertyIsCheckedAsWell() {
        Properties properties = new Properties();
        properties.setProperty("neds.model.layers", "4");
        var e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointedModelSettings.refuseChanges(run, List.of(), properties, "neds finetune"));
        assertEquals("-Dneds.model.layers=4", e.getMessage().substring(0, e.getMessage().indexOf(':')));
    }

    @Test
    void theRunsOwnValuesAutoAndOtherSectionsPass() {
        Properties properties = new Properties();
        properties.setProperty("neds.model.dropout", "0.30");
        assertDoesNotThrow(() -> CheckpointedModelSettings.refuseChanges(run,
                List.of("model.layers=2.0", "model.preset=auto", "model.modalities.spikes.weight=1",
                        "train.lr=1e-3", "finetune.epochs=3", "data.path=/elsewhere"), properties, "neds finetune"));
    }
}
