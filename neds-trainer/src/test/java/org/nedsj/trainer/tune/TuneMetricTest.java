package org.nedsj.trainer.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nedsj.spi.ModalitySpec;

/** tune.metric: every name the report gives the experiment's modalities, and which way is better. */
class TuneMetricTest {

    private static final List<ModalitySpec> MODALITIES = List.of(
            ModalitySpec.neuralCounts("spikes", 100), ModalitySpec.dynamicBehaviour("wheel", 100),
            ModalitySpec.staticBehaviour("choice", 2));

    @Test
    void encodingScoresNeuralModalitiesDecodingBehaviouralOnesAndExtraSchemesEvery() {
        assertEquals(List.of("val.loss", "val.spikes", "val.wheel", "val.choice",
                "encoding.spikes.bps", "encoding.spikes.poisson_nll",
                "decoding.wheel.r2", "decoding.wheel.r2_trial_mean", "decoding.choice.accuracy",
                "decoding.choice.balanced_accuracy"), TuneMetric.valid(MODALITIES, List.of()));
        List<String> withExtra = TuneMetric.valid(MODALITIES, List.of("self-modality"));
        assertTrue(withExtra.containsAll(List.of("self-modality.spikes.bps", "self-modality.wheel.r2",
                "self-modality.choice.accuracy")), withExtra.toString());
    }

    @Test
    void lossesAndLikelihoodsAreBetterLowerEveryOtherReportMetricHigher() {
        assertTrue(new TuneMetric("val.loss").lowerIsBetter());
        assertTrue(new TuneMetric("encoding.spikes.poisson_nll").lowerIsBetter());
        assertFalse(new TuneMetric("encoding.spikes.bps").lowerIsBetter());
        assertFalse(new TuneMetric("decoding.choice.balanced_accuracy").lowerIsBetter());
        assertEquals(-0.25, new TuneMetric("decoding.wheel.r2").score(0.25));
        assertEquals(3.5, new TuneMetric("val.wheel").score(3.5));
    }

    @Test
    void anUnknownNameFailsNamingTheKeyAndEveryValidOne() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> TuneMetric.check("decoding.spikes.bps", MODALITIES, List.of())).getMessage();
        assertTrue(message.startsWith("tune.metric = decoding.spikes.bps is not a metric of this experiment; valid: "
                + "val.loss, val.spikes, "), message);
        assertTrue(message.endsWith("decoding.choice.balanced_accuracy"), message);
        assertEquals("decoding.wheel.r2", TuneMetric.check("decoding.wheel.r2", MODALITIES, List.of()).name());
    }
}
