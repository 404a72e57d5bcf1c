package org.nedsj.dist;

import picocli.CommandLine.Option;

/** The model and shapes a speed benchmark runs at: the options {@code bench train} and {@code bench infer} share. */
final class BenchShape {

    @Option(names = "--preset", defaultValue = "small", paramLabel = "PRESET",
            description = "Model size: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    BenchCommand.Preset preset;

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "200", description = "Neurons per session (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "Trials per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Timed steps after warm-up (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "fused",
            description = "fused (default) or samediff (the whole model as one SameDiff graph, for comparison).")
    String engine;

    /** One line naming what runs, and the settings that change the figures most. */
    String describe() {
        return String.format(java.util.Locale.ROOT, "preset %s, %s engine, %d neurons, batch %d, %d threads; %s", preset,
                engine, neurons, batch, threads, BenchSetup.environment());
    }
}
