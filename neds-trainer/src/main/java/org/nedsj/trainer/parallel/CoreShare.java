package org.nedsj.trainer.parallel;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Each replica's share of the CPU cores while replicas step at once. ND4J's thread budget on the CPU
 * backend is process-wide, not per Java thread: libnd4j's own thread pool reads
 * {@link Environment#maxMasterThreads()} / {@link Environment#maxThreads()} from one global
 * environment, and OpenBLAS's thread count ({@code blas_set_num_threads}, behind
 * {@code Nd4j.factory().blas().setMaxThreads}) is global too. Only OpenMP's thread count
 * ({@code NativeOps.setOmpNumThreads}, libgomp's per-thread setting) belongs to the calling thread.
 * So while N replicas step, every budget is set to cores / N (each replica thread sets its own
 * OpenMP count once), and the previous budgets come back after the step, for validation and the rest.
 */
public final class CoreShare {

    private final int perReplica;
    private int masterBefore;
    private int threadsBefore;
    private int blasBefore;

    private CoreShare(int perReplica) {
        this.perReplica = perReplica;
    }

    /** The share of {@code cores} each of {@code replicas} replicas gets: at least one thread. */
    public static CoreShare of(int replicas, int cores) {
        return new CoreShare(Math.max(1, cores / replicas));
    }

    public static CoreShare of(int replicas) {
        return of(replicas, Runtime.getRuntime().availableProcessors());
    }

    public int threadsPerReplica() {
        return perReplica;
    }

    /** Sets the calling thread's OpenMP thread count to the share (call once in each replica thread). */
    public void applyToThisThread() {
        if (Nd4j.getEnvironment().isCPU()) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(perReplica);
        }
    }

    /** Sets the process-wide budgets to the share, remembering the previous ones. */
    public void enter() {
        if (!Nd4j.getEnvironment().isCPU()) {
            return;
        }
        Environment env = Nd4j.getEnvironment();
        masterBefore = env.maxMasterThreads();
        threadsBefore = env.maxThreads();
        blasBefore = Nd4j.factory().blas().getMaxThreads();
        env.setMaxMasterThreads(perReplica);
        env.setMaxThreads(perReplica);
        Nd4j.factory().blas().setMaxThreads(perReplica);
    }

    /** Puts back the budgets {@link #enter()} found. */
    public void exit() {
        if (!Nd4j.getEnvironment().isCPU()) {
            return;
        }
        Environment env = Nd4j.getEnvironment();
        env.setMaxMasterThreads(masterBefore);
        env.setMaxThreads(threadsBefore);
        Nd4j.factory().blas().setMaxThreads(blasBefore);
    }
}
