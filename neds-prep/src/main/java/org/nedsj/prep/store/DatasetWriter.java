package org.nedsj.prep.store;

import org.nedsj.prep.align.IncompleteSessionException;
import org.nedsj.prep.align.PreparedSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Writes the sessions a data source offers as a prepared dataset: {@code DATA/<session-id>/*.npy}
 * (atomically per session) and {@code DATA/manifest.json}. A session whose inputs and config are
 * unchanged since the last run (same fingerprint, files complete) is reused; anything else is
 * rebuilt. It writes only into a folder it owns, one preparation at a time ({@link DatasetFolder}).
 *
 * @param source     the preparing data source's name, recorded in the manifest
 * @param config     the preprocessing config as nested maps (manifest and dataset fingerprint)
 * @param bins       bins per trial
 * @param behaviours the behaviours every session has, in modality order
 */
public record DatasetWriter(String source, Map<String, Object> config, int bins, List<Manifest.Behaviour> behaviours) {

    public DatasetWriter {
        behaviours = List.copyOf(behaviours);
        behaviours.forEach(b -> PreparedFiles.requireBehaviourName(b.name(), "modality"));
    }

    /**
     * @param root  what the sessions were found in, recorded in the manifest
     * @param named whether a session was asked for by id (then an incomplete one is an error, not skipped)
     * @param log   receives one line per session
     * @throws IllegalArgumentException naming the file and problem when a session's data is unusable;
     *                                  sessions finished before stay complete, the failing one leaves nothing
     */
    public PrepareResult write(Path root, List<SessionJob> jobs, Predicate<String> named, Path out, Consumer<String> log) {
        try (DatasetFolder folder = DatasetFolder.claim(out)) {
            try {
                return writeInto(root, jobs, named, out, log);
            } catch (RuntimeException e) {
                folder.abandon();
                throw e;
            }
        }
    }

    private PrepareResult writeInto(Path root, List<SessionJob> jobs, Predicate<String> named, Path out, Consumer<String> log) {
        PreparedStore.removeLeftovers(out);
        Optional<Manifest> previous = ManifestIo.readIfPresent(out);
        List<Manifest.Behaviour> previousBehaviours = previous.map(m -> m.behavioursOr(IBL_BEHAVIOURS)).orElse(List.of());
        Set<String> ours = new LinkedHashSet<>();
        behaviours.forEach(b -> ours.add(b.name()));
        previousBehaviours.forEach(b -> ours.add(b.name()));

        List<Manifest.Entry> entries = new ArrayList<>();
        List<PrepareResult.SessionOutcome> outcomes = new ArrayList<>();
        List<Manifest.Skipped> skipped = new ArrayList<>();
        for (SessionJob job : jobs) {
            try {
                SessionJob.Inputs inputs = job.resolve().get();
                String fingerprint = inputs.fingerprint();
                Optional<Manifest.Entry> reusable = previous.flatMap(m -> m.session(job.id()))
                        .filter(e -> e.fingerprint().equals(fingerprint))
                        .filter(e -> PreparedStore.isComplete(out, e, bins, behaviours));
                boolean reused = reusable.isPresent();
                Manifest.Entry entry;
                if (reused) {
                    entry = reusable.get();
                    log.accept(entry.summary().describe(true));
                } else {
                    long start = System.nanoTime();
                    entry = build(job, inputs, fingerprint, out, ours);
                    log.accept(entry.summary().describe(false) + String.format(" in %.2f s", (System.nanoTime() - start) / 1e9));
                }
                entries.add(entry);
                outcomes.add(new PrepareResult.SessionOutcome(job.id(), reused, entry.summary()));
            } catch (IncompleteSessionException e) {
                if (named.test(job.id())) {
                    throw e;
                }
                skipped.add(new Manifest.Skipped(job.path().toString(), e.getMessage()));
                log.accept("skipped " + job.id() + ": " + e.getMessage());
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no session under " + root + " could be prepared: "
                    + skipped.stream().map(Manifest.Skipped::reason).collect(Collectors.joining("; ")));
        }
        String fingerprint = InputFingerprint.ofDataset(config, entries.stream().map(Manifest.Entry::fingerprint).toList());
        ManifestIo.write(out, new Manifest(Manifest.FORMAT, root.toAbsolutePath().normalize().toString(), fingerprint,
                bins, config, entries, skipped, source, behaviours));
        return new PrepareResult(out, fingerprint, outcomes, skipped);
    }

    private Manifest.Entry build(SessionJob job, SessionJob.Inputs inputs, String fingerprint, Path out, Set<String> ours) {
        PreparedSession prepared = inputs.prepare();
        List<Manifest.Behaviour> produced = prepared.modalities().stream().filter(m -> !m.isNeural()).map(Manifest.Behaviour::of).toList();
        if (!produced.equals(behaviours)) {
            throw new IllegalStateException("session " + job.id() + " was prepared with behaviours " + produced + ", the dataset declares "
                    + behaviours);
        }
        PreparedStore.write(out, prepared, ours);
        return new Manifest.Entry(job.id(), job.path().toString(), fingerprint, prepared.trials(), prepared.neurons(),
                inputs.files().stream().map(Path::toString).toList(), prepared.summary(), prepared.regionCounts());
    }

    /** The behaviours of a dataset written before manifests recorded them (IBL's). */
    public static final List<Manifest.Behaviour> IBL_BEHAVIOURS = List.of(
            new Manifest.Behaviour("wheel", Manifest.Behaviour.DYNAMIC, 0), new Manifest.Behaviour("whisker", Manifest.Behaviour.DYNAMIC, 0),
            new Manifest.Behaviour("choice", Manifest.Behaviour.STATIC, 2), new Manifest.Behaviour("block", Manifest.Behaviour.STATIC, 3));

    /** Whether {@code dir} holds a prepared dataset. */
    public static boolean isPrepared(Path dir) {
        return Files.isRegularFile(dir.resolve(PreparedFiles.MANIFEST));
    }
}
