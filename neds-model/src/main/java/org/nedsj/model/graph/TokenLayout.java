package org.nedsj.model.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nedsj.model.ModalityBinding;

/**
 * Where each modality's tokens sit in the sequence the transformer reads, with each token's RoPE
 * position and time bin.
 *
 * <p>A multi-token modality has one token per time bin, at position and bin t. A static (one-token)
 * modality such as choice or block has, with {@code staticTokens} = 1, one token at the static
 * position and no time bin; with {@code staticTokens} = N &gt; 1 its one encoder token is repeated at
 * N bins spread evenly over the trial, ⌊(s + ½)·T / N⌋ for s &lt; N, and its decoder reads the mean of
 * those N outputs (as the NEDS reference repeats choice and block over the trial's bins). Each copy
 * then sees the spikes near its bin through the time bias, and the readout averages N local views
 * instead of asking one token to pool a whole trial.
 *
 * <p>With a shared readout a static modality's decoder reads instead the mean of other tokens: every
 * token of the trial's sequence ({@link Readout#TRIAL}) or the tokens of the neural modalities
 * ({@link Readout#NEURAL}). The head then sees the pooled output of all bins (through the residual stream,
 * a linear function of the trial's summed encoder tokens among the rest), the way a decoder of trial
 * means pools a whole trial, and the static tokens still carry the visible value as input. The neural
 * readout reads the same kind of tokens whatever the masking scheme hides of the behaviour, which is
 * how it is scored: from the spikes alone.
 */
public final class TokenLayout {

    private final Map<String, Integer> tokens = new LinkedHashMap<>();
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private final Map<String, Boolean> repeated = new LinkedHashMap<>();
    private final Map<String, Boolean> shared = new LinkedHashMap<>();
    private final int[] positions;
    private final int[] bins;
    private final int sharedOffset;
    private final int sharedTokens;
    private final boolean neuralReadout;

    /** What a static modality's decoder reads. */
    public enum Readout {
        /** The mean of its own token (or copies). */
        OWN,
        /** The mean of every token of the trial's sequence. */
        TRIAL,
        /** The mean of the tokens of the neural modalities (which must be adjacent in the sequence). */
        NEURAL
    }

    private TokenLayout(List<ModalityBinding> modalities, int staticPosition, int staticTokens, Readout readout) {
        int trialBins = modalities.stream().mapToInt(m -> m.spec().tokensPerTrial()).filter(t -> t > 1).max().orElse(1);
        if (staticTokens < 1 || staticTokens > trialBins) {
            throw new IllegalArgumentException("model.static-tokens = " + staticTokens + ": use 1 up to the trial's "
                    + trialBins + " bins");
        }
        List<Integer> position = new ArrayList<>();
        List<Integer> bin = new ArrayList<>();
        int offset = 0;
        for (ModalityBinding m : modalities) {
            int t = m.spec().tokensPerTrial();
            boolean spread = t == 1 && staticTokens > 1;
            int n = spread ? staticTokens : t;
            for (int k = 0; k < n; k++) {
                int b = spread ? (int) ((k + 0.5) * trialBins / n) : k;
                position.add(t == 1 && !spread ? staticPosition : b);
                bin.add(t == 1 && !spread ? -1 : b);
            }
            tokens.put(m.name(), n);
            offsets.put(m.name(), offset);
            repeated.put(m.name(), spread);
            shared.put(m.name(), t == 1 && readout != Readout.OWN);
            offset += n;
        }
        this.positions = position.stream().mapToInt(Integer::intValue).toArray();
        this.bins = bin.stream().mapToInt(Integer::intValue).toArray();
        int[] span = readout == Readout.NEURAL ? neuralSpan(modalities) : new int[]{0, positions.length};
        this.sharedOffset = span[0];
        this.sharedTokens = span[1];
        this.neuralReadout = readout == Readout.NEURAL;
    }

    /** The first token of the neural modalities and their token count. */
    private int[] neuralSpan(List<ModalityBinding> modalities) {
        List<String> neural = modalities.stream().filter(m -> m.spec().isNeural()).map(ModalityBinding::name).toList();
        if (neural.isEmpty()) {
            throw new IllegalArgumentException("model.static-readout = neural: the data has no neural modality; use 'trial'");
        }
        int first = offsets.get(neural.get(0));
        int end = first;
        for (String m : neural) {
            if (offsets.get(m) != end) {
                throw new IllegalArgumentException("model.static-readout = neural: the neural modalities " + neural
                        + " are not adjacent in the sequence " + offsets.keySet() + "; use 'trial'");
            }
            end += tokens.get(m);
        }
        return new int[]{first, end - first};
    }

    /**
     * @param staticPosition the RoPE position of a static modality's one token (staticTokens = 1)
     * @param staticTokens   tokens of each static modality in the sequence
     */
    public static TokenLayout of(List<ModalityBinding> modalities, int staticPosition, int staticTokens) {
        return of(modalities, staticPosition, staticTokens, Readout.OWN);
    }

    /** @param readout what a static modality's decoder reads */
    public static TokenLayout of(List<ModalityBinding> modalities, int staticPosition, int staticTokens, Readout readout) {
        return new TokenLayout(modalities, staticPosition, staticTokens, readout);
    }

    /** Tokens in the whole sequence. */
    public int length() {
        return positions.length;
    }

    /** Tokens the modality has in the sequence. */
    public int tokens(String modality) {
        return tokens.get(modality);
    }

    /** Index of the modality's first token in the sequence. */
    public int offset(String modality) {
        return offsets.get(modality);
    }

    /** Whether the modality's one encoder token is repeated over several sequence tokens (its output is their mean). */
    public boolean repeated(String modality) {
        return repeated.get(modality);
    }

    /** Whether the modality's decoder reads the mean of other modalities' tokens (the trial's, or the neural ones). */
    public boolean sharedReadout(String modality) {
        return shared.get(modality);
    }

    /** Whether the modality's decoder reads the mean of the neural modalities' tokens, and theirs alone. */
    public boolean readsNeuralTokens(String modality) {
        return neuralReadout && sharedReadout(modality);
    }

    /** Whether the modality's decoder reads one token averaged over several (its copies, or a shared readout). */
    public boolean pooled(String modality) {
        return repeated(modality) || sharedReadout(modality);
    }

    /** Index of the first token the modality's decoder reads. */
    public int readOffset(String modality) {
        return sharedReadout(modality) ? sharedOffset : offset(modality);
    }

    /** Tokens the modality's decoder reads (and averages, where {@link #pooled}). */
    public int readTokens(String modality) {
        return sharedReadout(modality) ? sharedTokens : tokens(modality);
    }

    /** The RoPE position of every token. */
    public int[] positions() {
        return positions.clone();
    }

    /** The time bin of every token, −1 for a static modality's single token. */
    public int[] timeBins() {
        return bins.clone();
    }

    /** Rows of the time-embedding table: one per time bin of the longest modality (at least 1). */
    public int timeBinCount() {
        int max = -1;
        for (int b : bins) {
            max = Math.max(max, b);
        }
        return Math.max(1, max + 1);
    }
}
