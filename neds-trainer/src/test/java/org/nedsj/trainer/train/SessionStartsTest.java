package org.nedsj.trainer.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionStartsTest {

    /** Each neuron's mean count per bin over the training trials, summed by hand from copyTrial. */
    @Test
    void channelMeansAreMeansOverTheTrainingTrialsTokens() {
        ToyData data = new ToyData(3, 20, 4);
        SessionData session = data.session("toy0");
        ModalitySpec spikes = data.modalities().get(0);
        SessionInfo info = session.info();
        double[] expected = new double[4];
        int rows = 0;
        float[] trial = new float[ToyData.BINS * 4];
        for (int t = 0; t < session.trialCount(); t++) {
            if (session.split(t) == Split.TRAIN) {
                session.copyTrial("spikes", t, trial, 0, 4);
                for (int b = 0; b < ToyData.BINS; b++) {
                    for (int n = 0; n < 4; n++) {
                        expected[n] += trial[b * 4 + n];
                    }
                    rows++;
                }
            }
        }
        double[] means = SessionStarts.channelMeans(session, spikes, info);
        for (int n = 0; n < 4; n++) {
            assertEquals(expected[n] / rows, means[n], 1e-12);
        }
    }

    /**
     * The count decoder's bias of each session's neurons starts at log(mean) − initial-log-rate (−1 in
     * the fixture), so the predicted rate at a zero hidden state is the neuron's training mean; the
     * padding of the narrower session stays 0.
     */
    @Test
    void countDecoderBiasesStartAtEachNeuronsMeanLogRate() {
        ToyData data = new ToyData(5, 30, 3, 5);
        NedsModel model = TrainerFixture.model(data, TrainerFixture.tinyConfig(0), 1);
        SessionStarts.apply(model, data, data.sessions());
        INDArray bias = model.parameter("spikes/stitch_out_b");
        for (int s = 0; s < 2; s++) {
            SessionInfo info = data.sessions().get(s);
            double[] means = SessionStarts.channelMeans(data.session(info.id()), data.modalities().get(0), info);
            for (int n = 0; n < info.neurons(); n++) {
                assertEquals(Math.log(Math.max(means[n], 1e-3)) + 1.0, bias.getDouble(s, n), 1e-5, "session " + s + " neuron " + n);
            }
        }
        assertEquals(0.0, bias.getDouble(0, 4), 0.0, "padding of the 3-neuron session");
    }
}
