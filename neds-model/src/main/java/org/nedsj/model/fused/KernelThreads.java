package org.nedsj.model.fused;

import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.IntStream;

/**
 * How the Java kernels split a pass between threads: into as many parts as ND4J's ops may use threads
 * now ({@code maxMasterThreads}, at most the cores), so that they keep to the share of the cores a
 * model replica is given while replicas step at once (the trainer's {@code CoreShare}) as ND4J's own
 * ops do. With a share of one core a pass runs in the calling thread; splitting it anyway would queue
 * every replica's parts on the one shared worker pool, where each replica waits for the others' parts.
 */
final class KernelThreads {

    private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());

    interface Range {
        void run(int from, int to, int part);
    }

    private KernelThreads() {
    }

    /** The parts a pass over {@code items} splits into, with at least {@code smallest} items in each. */
    static int parts(int items, int smallest) {
        int budget = Math.max(1, Math.min(CORES, Nd4j.getEnvironment().maxMasterThreads()));
        return Math.min(budget, Math.max(1, items / smallest));
    }

    /** Rows a part of a pass over rows holds at least: fewer are not worth a thread. */
    static final int ROWS_PER_PART = 64;

    /** Runs {@code body} over the rows of a pass, split as {@link #parts} allows with {@link #ROWS_PER_PART}. */
    static void overRows(int rows, Range body) {
        split(rows, parts(rows, ROWS_PER_PART), body);
    }

    /** Runs {@code body} over {@code parts} consecutive ranges of {@code items}, in parallel where more than one. */
    static void split(int items, int parts, Range body) {
        if (parts == 1) {
            body.run(0, items, 0);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(c -> body.run(items * c / parts, items * (c + 1) / parts, c));
    }
}
