package org.nedsj.model.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/** The kernels' share of the cores follows ND4J's thread budget, as a model replica's ops do. */
class KernelThreadsTest {

    private int before;

    @BeforeEach
    void remember() {
        before = Nd4j.getEnvironment().maxMasterThreads();
    }

    @AfterEach
    void restore() {
        Nd4j.getEnvironment().setMaxMasterThreads(before);
    }

    @Test
    void aBudgetOfOneThreadRunsThePassInTheCallingThread() {
        Environment env = Nd4j.getEnvironment();
        env.setMaxMasterThreads(1);
        assertEquals(1, KernelThreads.parts(10_000, 64));
        List<Thread> ran = new CopyOnWriteArrayList<>();
        List<int[]> ranges = new CopyOnWriteArrayList<>();
        KernelThreads.split(10_000, KernelThreads.parts(10_000, 64), (from, to, part) -> {
            ran.add(Thread.currentThread());
            ranges.add(new int[]{from, to, part});
        });
        assertEquals(List.of(Thread.currentThread()), ran);
        assertEquals(List.of(0, 10_000, 0), List.of(ranges.get(0)[0], ranges.get(0)[1], ranges.get(0)[2]));
    }

    @Test
    void partsAreAtMostTheBudgetTheCoresAndTheItemsOverTheSmallestShare() {
        int cores = Runtime.getRuntime().availableProcessors();
        Nd4j.getEnvironment().setMaxMasterThreads(64);
        assertEquals(Math.min(cores, 64), KernelThreads.parts(1_000_000, 64));
        assertEquals(Math.min(cores, 2), KernelThreads.parts(130, 64));
        assertEquals(1, KernelThreads.parts(100, 64));
    }

    @Test
    void theRangesCoverEveryItemOnce() {
        Nd4j.getEnvironment().setMaxMasterThreads(64);
        int[] covered = new int[1001];
        KernelThreads.split(1001, 7, (from, to, part) -> {
            for (int i = from; i < to; i++) {
                covered[i]++;
            }
        });
        for (int c : covered) {
            assertEquals(1, c);
        }
    }
}
