package org.nedsj.trainer.parallel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.ShardSlice;
import org.nedsj.model.NedsModel;
import org.nedsj.model.StepResult;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The gradient of one optimiser step's batch, computed in parts: the batch is cut into micro-batches
 * of at most {@code microBatch} trials (gradient accumulation), each micro-batch into one contiguous
 * shard per replica, and the replicas step their shards at once, each in its own thread (on the CPU
 * with its share of the cores, see {@link CoreShare}; on CUDA on its own device). Each shard gets the
 * exact slice of the whole batch's mask plan and draws the dropout noise of its trials' positions in
 * the whole batch, and weights its losses by its share of the whole batch's target values, so the
 * summed gradient is the one-replica gradient of the whole batch up to float summation order.
 *
 * <p>The first replica is the model itself; the others are {@link NedsModel#replica() replicas} whose
 * weights {@link #publishWeights()} refreshes after each optimiser step.
 */
public final class DataParallelStep implements GradientStep {

    private final NedsModel model;
    private final int microBatch;
    private final List<NedsModel> replicas = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>();
    private final CoreShare cores;
    private INDArray sum;

    /**
     * @param replicas   models stepping at once (1: the model alone, in the calling thread)
     * @param microBatch most trials one micro-batch holds (the trials of a batch beyond it are accumulated)
     */
    public DataParallelStep(NedsModel model, int replicas, int microBatch) {
        this(model, replicas, microBatch, Runtime.getRuntime().availableProcessors());
    }

    /** @param cores the CPU threads the replicas share (each gets cores / replicas, at least one) */
    public DataParallelStep(NedsModel model, int replicas, int microBatch, int cores) {
        if (replicas < 1 || microBatch < 1) {
            throw new IllegalArgumentException("replicas (" + replicas + ") and micro-batch (" + microBatch
                    + ") must be at least 1");
        }
        this.model = model;
        this.microBatch = microBatch;
        this.cores = CoreShare.of(replicas, cores);
        startReplicas(replicas);
    }

    /** One thread per replica, each on its device (CUDA) or with its OpenMP share (CPU); the replicas made there. */
    private void startReplicas(int count) {
        if (count == 1) {
            replicas.add(model);
            return;
        }
        int devices = Nd4j.getEnvironment().isCPU() ? 1 : Nd4j.getAffinityManager().getNumberOfDevices();
        for (int i = 0; i < count; i++) {
            int index = i;
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "neds-replica-" + index);
                t.setDaemon(true);
                return t;
            });
            threads.add(thread);
            replicas.add(await(thread.submit(() -> {
                if (devices > 1) {
                    Nd4j.getAffinityManager().unsafeSetDevice(index % devices);
                }
                cores.applyToThisThread();
                return index == 0 ? model : model.replica();
            })));
        }
    }

    /** The replica models, the model itself first. */
    public List<NedsModel> replicas() {
        return List.copyOf(replicas);
    }

    /**
     * Writes the gradient of {@code batch}'s loss under {@code plan} into the model's gradient buffer.
     *
     * @return the batch's loss of each modality (the mean over its target values)
     */
    @Override
    public Map<String, Double> step(Batch batch, MaskPlan plan, long noiseSeed) {
        if (replicas.size() == 1 && batch.size() <= microBatch) {
            return new LinkedHashMap<>(model.step(batch, plan, noiseSeed).modalityLosses());
        }
        Map<String, Double> totals = model.targetValues(batch, plan);
        Map<String, Double> losses = new LinkedHashMap<>();
        totals.keySet().forEach(m -> losses.put(m, 0.0));
        if (sum == null) {
            sum = model.store().gradients().dup();
        }
        sum.assign(0);
        if (replicas.size() > 1) {
            cores.enter();
        }
        try {
            for (int from = 0; from < batch.size(); from += microBatch) {
                microBatch(batch, plan, noiseSeed, from, Math.min(batch.size(), from + microBatch), totals, losses);
            }
        } finally {
            if (replicas.size() > 1) {
                cores.exit();
            }
        }
        model.store().gradients().assign(sum);
        return losses;
    }

    /** Trials [from, to) of the batch, in one contiguous shard per replica (fewer when there are fewer trials). */
    private void microBatch(Batch batch, MaskPlan plan, long noiseSeed, int from, int to, Map<String, Double> totals,
                            Map<String, Double> losses) {
        int n = to - from;
        int parts = Math.min(replicas.size(), n);
        List<Future<Map<String, Double>>> running = new ArrayList<>();
        List<Map<String, Double>> shares = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int start = from + n * p / parts;
            int end = from + n * (p + 1) / parts;
            ShardSlice shard = model.shard(batch, plan, start, end, totals);
            shares.add(shard.part().lossShares());
            NedsModel replica = replicas.get(p);
            if (threads.isEmpty()) {
                StepResult r = replica.step(shard.batch(), shard.plan(), noiseSeed, shard.part());
                sum.addi(r.gradientBuffer());
                add(losses, r.modalityLosses(), shard.part().lossShares());
            } else {
                running.add(threads.get(p).submit(
                        () -> replica.step(shard.batch(), shard.plan(), noiseSeed, shard.part()).modalityLosses()));
            }
        }
        for (int p = 0; p < running.size(); p++) {
            Map<String, Double> shardLosses = await(running.get(p));
            sum.addi(replicas.get(p).store().gradients());
            add(losses, shardLosses, shares.get(p));
        }
    }

    private static void add(Map<String, Double> losses, Map<String, Double> shard, Map<String, Double> share) {
        shard.forEach((m, loss) -> losses.merge(m, loss * share.get(m), Double::sum));
    }

    /**
     * Spreads the batches over the replicas, batch i to replica i mod replicas, each in its own thread with its
     * share of the cores (validation is as parallel as the steps).
     */
    @Override
    public List<Map<String, Double>> evaluate(List<Batch> batches, List<MaskPlan> plans) {
        if (threads.isEmpty() || batches.size() != plans.size()) {
            return GradientStep.evaluateInTurn(model, batches, plans);    // which refuses a plan count that differs
        }
        List<Map<String, Double>> losses = new ArrayList<>();
        publishWeights();
        cores.enter();
        try {
            List<Future<Map<String, Double>>> running = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                NedsModel replica = replicas.get(i % replicas.size());
                Batch batch = batches.get(i);
                MaskPlan plan = plans.get(i);
                running.add(threads.get(i % replicas.size()).submit(
                        () -> new LinkedHashMap<>(replica.evaluate(batch, plan).modalityLosses())));
            }
            for (Future<Map<String, Double>> r : running) {
                losses.add(await(r));
            }
            return losses;
        } finally {
            cores.exit();
        }
    }

    /** Copies the model's weights, just updated by the optimiser, into every other replica. */
    @Override
    public void publishWeights() {
        for (int i = 1; i < replicas.size(); i++) {
            replicas.get(i).store().values().assign(model.store().values());
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the replicas stepped", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        threads.forEach(ExecutorService::shutdownNow);
    }
}
