package org.nedsj.prep.store;

import org.nedsj.prep.align.SessionSummary;
import org.nedsj.spi.ModalitySpec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code DATA/manifest.json}: the sessions of a prepared dataset, where they came from, what was
 * kept, the preprocessing config and the fingerprints that decide whether a session is reused.
 *
 * @param format      the layout version, {@value #FORMAT}
 * @param alfRoot     the root it was prepared from (an ALF/ONE cache, an NWB file or folder)
 * @param fingerprint digest over the config and every session's fingerprint
 * @param bins        bins per trial
 * @param config      the preprocessing config ({@code data.ibl} or the preparing source's section)
 * @param sessions    the prepared sessions, sorted by id
 * @param skipped     session folders found but not prepared, with the reason
 * @param source      the data source that prepared it ({@code ibl-alf}, {@code nwb}); null in datasets older than the field (ibl-alf)
 * @param modalities  the behaviours besides spikes, in modality order; null in datasets older than the field
 *                    (then wheel, whisker, choice and block)
 */
public record Manifest(String format, String alfRoot, String fingerprint, int bins, Map<String, Object> config,
                       List<Entry> sessions, List<Skipped> skipped, String source, List<Behaviour> modalities) {

    public static final String FORMAT = "neds-prepared/1";

    public Manifest {
        sessions = List.copyOf(sessions);
        skipped = List.copyOf(skipped);
        modalities = modalities == null ? null : List.copyOf(modalities);
    }

    /**
     * One behaviour of every session.
     *
     * @param name    modality name, also its file name ({@code <name>.npy})
     * @param kind    {@code dynamic} (float32 per bin) or {@code static} (a class per trial)
     * @param classes classes of a static behaviour, else 0
     */
    public record Behaviour(String name, String kind, int classes) {
        public static final String DYNAMIC = "dynamic";
        public static final String STATIC = "static";

        public static Behaviour of(ModalitySpec spec) {
            return spec.isStatic() ? new Behaviour(spec.name(), STATIC, spec.classes()) : new Behaviour(spec.name(), DYNAMIC, 0);
        }

        public boolean dynamic() {
            return DYNAMIC.equals(kind);
        }

        public ModalitySpec spec(int bins) {
            return dynamic() ? ModalitySpec.dynamicBehaviour(name, bins) : ModalitySpec.staticBehaviour(name, classes);
        }
    }

    /**
     * One prepared session.
     *
     * @param id          the session id, also its folder name
     * @param alfPath     where the session was read from
     * @param fingerprint digest of the input files (path, size, modification time) and the config
     * @param trials      trials kept
     * @param neurons     units kept
     * @param inputs      the files it was prepared from
     * @param summary     what was kept and dropped, and why
     * @param regions     neurons kept per brain region ({@code unknown} where not recorded); empty in datasets
     *                    older than the field
     */
    public record Entry(String id, String alfPath, String fingerprint, int trials, int neurons, List<String> inputs,
                        SessionSummary summary, Map<String, Integer> regions) {
        public Entry {
            inputs = List.copyOf(inputs);
            regions = regions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(regions));
        }

        /** An entry whose neurons' regions are not recorded. */
        public Entry(String id, String alfPath, String fingerprint, int trials, int neurons, List<String> inputs, SessionSummary summary) {
            this(id, alfPath, fingerprint, trials, neurons, inputs, summary, Map.of());
        }
    }

    /** A session folder that was not prepared, and why. */
    public record Skipped(String alfPath, String reason) {
    }

    public Optional<Entry> session(String id) {
        return sessions.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The behaviours, or {@code fallback} for a dataset written before they were recorded. */
    public List<Behaviour> behavioursOr(List<Behaviour> fallback) {
        return modalities != null ? modalities : fallback;
    }
}
