package org.nedsj.trainer.experiment;

import org.nd4j.linalg.factory.Nd4j;

/**
 * What the {@code auto} settings resolve to, after NEDS: depth by the number of training sessions
 * (5 layers up to 10 sessions, 16 up to 69, 22 from 70; hidden 256, 8 heads, MLP 512: the presets
 * {@code neds-5}, {@code neds-16}, {@code neds-22}), batch 16, or 64 above 40 sessions, and one
 * replica per visible GPU on CUDA, one on the CPU.
 */
public final class ScalePresets {

    private ScalePresets() {
    }

    /** The {@code model.presets} entry for {@code sessions} training sessions. */
    public static String preset(int sessions) {
        if (sessions <= 10) {
            return "neds-5";
        }
        return sessions <= 69 ? "neds-16" : "neds-22";
    }

    /** Trials per batch for {@code sessions} training sessions. */
    public static int batchSize(int sessions) {
        return sessions > 40 ? 64 : 16;
    }

    /** Replicas: one per visible GPU on the CUDA backend, one on the CPU. */
    public static int replicas() {
        return Nd4j.getEnvironment().isCPU() ? 1 : Nd4j.getAffinityManager().getNumberOfDevices();
    }

    /** The devices {@link #replicas()} counted, in words. */
    public static String devices() {
        return Nd4j.getEnvironment().isCPU() ? "CPU backend" : replicas() + " visible GPU(s)";
    }
}
