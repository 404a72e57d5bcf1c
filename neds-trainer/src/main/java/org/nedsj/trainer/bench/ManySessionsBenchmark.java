package org.nedsj.trainer.bench;

import org.bytedeco.javacpp.Pointer;
import org.nedsj.model.ModalityBinding;
import org.nedsj.model.ModelConfig;
import org.nedsj.model.NedsModel;
import org.nedsj.model.ParameterStore;
import org.nedsj.model.SessionTable;
import org.nedsj.model.StepResult;
import org.nedsj.spi.Batch;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.BatchOrder;
import org.nedsj.trainer.batch.TrialRef;
import org.nedsj.trainer.batch.TrialSplits;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.optim.GlobalNormClipping;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Training steps over many memory-mapped sessions as a run takes them: the training trials of every
 * session in mixed batches (batch assembly from the mapped arrays, padded to the widest session), a
 * model with a stitcher per session, forward and backward, clipping and AdamW. Times a few steps and
 * extrapolates to the epoch; records peak heap, the largest resident set, the mapped bytes and the
 * process's peak resident size. Masks alternate encoding and decoding, as in {@link TrainStepBenchmark}.
 */
public final class ManySessionsBenchmark {

    /**
     * @param stepSeconds   median seconds of a timed step
     * @param epochSteps    optimiser steps of one epoch of the training trials
     * @param peakHeap      the heap pools' peak used bytes over the timed steps (sum of each pool's peak)
     * @param peakResident  the largest resident set after any step (heap, ND4J's native arrays, touched pages of the
     *                      mapped files; ND4J on the CPU keeps no count of its own arrays, so this is the off-heap bound)
     * @param mappedBytes   bytes of memory-mapped files the JVM holds (the prepared arrays)
     * @param highWater     the process's peak resident set so far (VmHWM), 0 where /proc is not there
     */
    public record Result(int sessions, int narrowest, int widest, long trainTrials, long parameters, int batch,
                         double stepSeconds, long epochSteps, long peakHeap, long peakResident, long mappedBytes, long highWater) {

        /** Seconds of one epoch, extrapolated from the median step. */
        public double epochSeconds() {
            return stepSeconds * epochSteps;
        }
    }

    private ManySessionsBenchmark() {
    }

    /** {@code warmup} untimed and {@code steps} timed training steps of batch {@code batch} over every session of {@code data}. */
    public static Result run(DataSource data, ModelConfig config, List<ModalityBinding> bindings, int batch, int warmup, int steps) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        SessionTable table = new SessionTable(data.sessions());
        NedsModel model = NedsModel.create(config, bindings, table, 0);
        List<ModalitySpec> specs = model.specs();
        BatchAssembler assembler = new BatchAssembler(data, specs, model::width);
        Map<String, List<TrialRef>> train = TrialSplits.of(data, table, table.sessions(), Split.TRAIN);
        Map<String, Integer> widths = table.sessions().stream().collect(Collectors.toMap(SessionInfo::id, SessionInfo::neurons));
        List<List<TrialRef>> epoch = BatchOrder.epoch(train, widths, BatchOrder.Mode.MIXED, batch, 0, 0);
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.01);
        ParameterStore store = model.store();
        List<ParameterStore.Run> all = store.runs(p -> true);
        Map<Integer, MaskPlan[]> plans = new HashMap<>();
        double[] times = new double[steps];
        long resident = Pointer.physicalBytes();
        for (int i = 0; i < warmup + steps; i++) {
            List<TrialRef> refs = epoch.get(i % epoch.size());
            MaskPlan[] p = plans.computeIfAbsent(refs.size(), n -> new MaskPlan[]{
                TrainStepBenchmark.plan(specs, n, true), TrainStepBenchmark.plan(specs, n, false)});
            long t0 = System.nanoTime();
            Batch b = assembler.assemble(i, refs);
            StepResult r = model.step(b, p[i % 2], i);
            GlobalNormClipping.clip(r.gradientBuffer(), all, 1.0);
            adam.step(store, all, 1e-4);
            if (i >= warmup) {
                times[i - warmup] = (System.nanoTime() - t0) / 1e9;
            }
            resident = Math.max(resident, Pointer.physicalBytes());
        }
        long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long trainTrials = train.values().stream().mapToLong(List::size).sum();
        int widest = table.sessions().stream().mapToInt(SessionInfo::neurons).max().orElse(0);
        int narrowest = table.sessions().stream().mapToInt(SessionInfo::neurons).min().orElse(0);
        return new Result(table.size(), narrowest, widest, trainTrials, model.parameterCount(), batch, median(times),
                epoch.size(), peakHeap, resident, mappedBytes(), highWater());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long mappedBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream().filter(b -> b.getName().equals("mapped"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    /** VmHWM of /proc/self/status in bytes; 0 where there is no such file. */
    static long highWater() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
