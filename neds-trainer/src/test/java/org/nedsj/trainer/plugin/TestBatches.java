package org.nedsj.trainer.plugin;

import java.util.List;
import org.nedsj.spi.Batch;
import org.nedsj.spi.ModalitySpec;

/** Small real batches for exercising masking schemes. */
public final class TestBatches {

    public static final ModalitySpec WHEEL = ModalitySpec.dynamicBehaviour("wheel", 5);
    public static final ModalitySpec CHOICE = ModalitySpec.staticBehaviour("choice", 2);

    private TestBatches() {
    }

    /** {@code size} trials of one session with a 5-token wheel and a 1-token choice. */
    public static Batch wheelAndChoice(int size) {
        int[] sessions = new int[size];
        String[] ids = new String[size];
        int[] trials = new int[size];
        for (int i = 0; i < size; i++) {
            ids[i] = "session-a";
            trials[i] = i;
        }
        return Batch.builder(0, List.of(WHEEL, CHOICE))
                .trials(sessions, ids, trials)
                .values("wheel", 1, new float[size * 5])
                .values("choice", 1, new float[size])
                .build();
    }
}
