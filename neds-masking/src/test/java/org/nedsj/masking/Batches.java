package org.nedsj.masking;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.MaskingSchemeFactory;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.ModalitySpec.Kind;
import org.nedsj.spi.ModalitySpec.Role;

/** Batches of known shape, the reference masking config, and ways to read plans back, for tests. */
final class Batches {

    static final ModalitySpec SPIKES = ModalitySpec.neuralCounts("spikes", 100);
    static final ModalitySpec WHEEL = ModalitySpec.dynamicBehaviour("wheel", 100);
    static final ModalitySpec WHISKER = ModalitySpec.dynamicBehaviour("whisker", 100);
    static final ModalitySpec CHOICE = ModalitySpec.staticBehaviour("choice", 2);
    static final ModalitySpec BLOCK = ModalitySpec.staticBehaviour("block", 3);
    /** A plugin modality declared neural: LFP band power, 100 bins of 5 bands. */
    static final ModalitySpec LFP = new ModalitySpec("lfp", Kind.DYNAMIC_CONTINUOUS, Role.NEURAL, 100, 5, 0);

    /** The IBL shape: 302 tokens per trial. */
    static final List<ModalitySpec> IBL = List.of(SPIKES, WHEEL, WHISKER, CHOICE, BLOCK);

    private static final int NEURONS = 7;

    private Batches() {
    }

    /** A batch of {@code size} trials with zero-filled values. */
    static Batch zeros(long index, int size, List<ModalitySpec> modalities) {
        return filled(index, size, modalities, null);
    }

    /** The same shape filled with random values: plans must not change. */
    static Batch randomValues(long index, int size, List<ModalitySpec> modalities, long valueSeed) {
        return filled(index, size, modalities, new SplittableRandom(valueSeed));
    }

    private static Batch filled(long index, int size, List<ModalitySpec> modalities, SplittableRandom values) {
        Batch.Builder b = Batch.builder(index, modalities);
        int[] sessions = new int[size];
        String[] ids = new String[size];
        int[] trials = new int[size];
        for (int i = 0; i < size; i++) {
            ids[i] = "session-" + (i % 2);
            sessions[i] = i % 2;
            trials[i] = i;
        }
        b.trials(sessions, ids, trials);
        for (ModalitySpec m : modalities) {
            int width = m.perSessionWidth() ? NEURONS : m.width();
            float[] data = new float[size * m.tokensPerTrial() * width];
            if (values != null) {
                for (int k = 0; k < data.length; k++) {
                    data[k] = m.isStatic() ? values.nextInt(m.classes()) : (float) values.nextDouble(0, 5);
                }
            }
            b.values(m.name(), width, data);
        }
        return b.build();
    }

    /** The {@code masking} section of this module's reference.conf, with {@code overrides} (HOCON) on top. */
    static Config masking(String overrides) {
        Config reference = ConfigFactory.parseResources(Batches.class.getClassLoader(), "reference.conf");
        return ConfigFactory.parseString(overrides).withFallback(reference).resolve().getConfig("masking");
    }

    static Config masking() {
        return masking("");
    }

    /** Creates schemes by name from the built-in plugin plus {@code extra} factories, as the wiring would. */
    static final class Catalog implements MaskingSchemeFactory.SchemeCatalog {
        private final Map<String, MaskingSchemeFactory> factories = new HashMap<>();
        private final Config masking;

        Catalog(Config masking, MaskingSchemeFactory... extra) {
            this.masking = masking;
            new MaskingPlugin().maskingSchemes().forEach(f -> factories.put(f.name(), f));
            Arrays.stream(extra).forEach(f -> factories.put(f.name(), f));
        }

        @Override
        public MaskingScheme create(String name) {
            MaskingSchemeFactory f = factories.get(name);
            if (f == null) {
                throw new IllegalArgumentException("no masking scheme named " + name + "; available: "
                        + factories.keySet().stream().sorted().toList());
            }
            return f.create(masking, this);
        }
    }

    static MaskingScheme scheme(String name) {
        return new Catalog(masking()).create(name);
    }

    static MaskingScheme scheme(String name, String overrides) {
        return new Catalog(masking(overrides)).create(name);
    }

    /** Hidden tokens of one trial and modality as a boolean row. */
    static boolean[] hiddenRow(MaskPlan plan, String modality, int trial) {
        boolean[] row = new boolean[plan.tokens(modality)];
        for (int k = 0; k < row.length; k++) {
            row[k] = plan.isHidden(modality, trial, k);
        }
        return row;
    }

    static int hiddenInTrial(MaskPlan plan, String modality, int trial) {
        int n = 0;
        for (int k = 0; k < plan.tokens(modality); k++) {
            n += plan.isHidden(modality, trial, k) ? 1 : 0;
        }
        return n;
    }

    /** Runs of consecutive true values: {start, length} pairs in order. */
    static List<int[]> runs(boolean[] row) {
        var runs = new java.util.ArrayList<int[]>();
        int k = 0;
        while (k < row.length) {
            if (row[k]) {
                int start = k;
                while (k < row.length && row[k]) {
                    k++;
                }
                runs.add(new int[] {start, k - start});
            } else {
                k++;
            }
        }
        return runs;
    }

    /** The whole plan as arrays, for equality checks: hidden and target grids per modality and schemes per trial. */
    static String fingerprint(MaskPlan plan) {
        var sb = new StringBuilder();
        for (String m : plan.modalities().stream().sorted().toList()) {
            float[] h = new float[plan.size() * plan.tokens(m)];
            float[] t = new float[h.length];
            plan.copyHidden(m, h, 0);
            plan.copyTarget(m, t, 0);
            sb.append(m).append(Arrays.toString(h)).append(Arrays.toString(t));
        }
        for (int i = 0; i < plan.size(); i++) {
            sb.append(plan.scheme(i)).append(';');
        }
        return sb.toString();
    }
}
