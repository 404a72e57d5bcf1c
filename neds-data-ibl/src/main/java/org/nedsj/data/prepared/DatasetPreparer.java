package org.nedsj.data.prepared;

import com.typesafe.config.Config;
import org.nedsj.data.DataSettings;
import org.nedsj.data.PreprocessingConfig;
import org.nedsj.data.alf.AlfSession;
import org.nedsj.data.alf.AlfSessionReader;
import org.nedsj.data.alf.IncompleteSessionException;
import org.nedsj.data.alf.SessionFileResolver;
import org.nedsj.data.alf.SessionFiles;
import org.nedsj.data.alf.SessionFinder;
import org.nedsj.data.alf.SessionRef;
import org.nedsj.data.align.PreparedSession;
import org.nedsj.data.align.SessionPipeline;
import org.nedsj.data.align.SessionSummary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code neds prepare}: finds the sessions of an ALF/ONE cache, runs the preprocessing pipeline on
 * each and writes {@code DATA/<session-id>/*.npy} (atomically per session) and
 * {@code DATA/manifest.json}. A session whose inputs and config are unchanged since the last run
 * (same fingerprint, files complete) is reused; anything else is rebuilt. It writes only into a
 * folder it owns, one preparation at a time ({@link DatasetFolder}).
 */
public final class DatasetPreparer {

    private final PreprocessingConfig config;
    private final DataSettings settings;

    /** @param data the experiment's {@code data} section (defaults fill what it lacks) */
    public DatasetPreparer(Config data) {
        this.config = PreprocessingConfig.from(data);
        this.settings = DataSettings.from(data);
    }

    public PreprocessingConfig config() {
        return config;
    }

    /**
     * Prepares every session under {@code alfRoot} (or those of {@code data.sessions}) into {@code out}.
     *
     * @param log receives one line per session
     * @throws IllegalArgumentException naming the file and problem when a session's data is unusable;
     *                                  sessions finished before stay complete, the failing one leaves nothing
     */
    public PrepareResult prepare(Path alfRoot, Path out, Consumer<String> log) {
        List<SessionRef> found = SessionFinder.find(alfRoot);
        settings.requireKnown(found.stream().map(SessionRef::id).toList(), alfRoot);
        try (DatasetFolder folder = DatasetFolder.claim(out)) {
            try {
                return prepareInto(found, alfRoot, out, log);
            } catch (RuntimeException e) {
                folder.abandon();
                throw e;
            }
        }
    }

    private PrepareResult prepareInto(List<SessionRef> found, Path alfRoot, Path out, Consumer<String> log) {
        PreparedStore.removeLeftovers(out);
        Optional<Manifest> previous = ManifestIo.readIfPresent(out);
        SessionPipeline pipeline = new SessionPipeline(config);

        List<Manifest.Entry> entries = new ArrayList<>();
        List<PrepareResult.SessionOutcome> outcomes = new ArrayList<>();
        List<Manifest.Skipped> skipped = new ArrayList<>();
        for (SessionRef ref : found) {
            if (!settings.wants(ref.id())) {
                continue;
            }
            try {
                SessionFiles files = SessionFileResolver.resolve(ref, config);
                String fingerprint = InputFingerprint.of(files, config);
                Optional<Manifest.Entry> reusable = previous.flatMap(m -> m.session(ref.id()))
                        .filter(e -> e.fingerprint().equals(fingerprint))
                        .filter(e -> PreparedStore.isComplete(out, e, config.window().bins()));
                boolean reused = reusable.isPresent();
                Manifest.Entry entry;
                if (reused) {
                    entry = reusable.get();
                    log.accept(describe(entry.summary(), true));
                } else {
                    long start = System.nanoTime();
                    entry = build(files, fingerprint, pipeline, out);
                    log.accept(describe(entry.summary(), false) + String.format(" in %.2f s", (System.nanoTime() - start) / 1e9));
                }
                entries.add(entry);
                outcomes.add(new PrepareResult.SessionOutcome(ref.id(), reused, entry.summary()));
            } catch (IncompleteSessionException e) {
                if (settings.named(ref.id())) {
                    throw e;
                }
                skipped.add(new Manifest.Skipped(ref.path().toString(), e.getMessage()));
                log.accept("skipped " + ref.id() + ": " + e.getMessage());
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no session under " + alfRoot + " could be prepared: "
                    + skipped.stream().map(Manifest.Skipped::reason).collect(Collectors.joining("; ")));
        }
        String fingerprint = InputFingerprint.ofDataset(config, entries.stream().map(Manifest.Entry::fingerprint).toList());
        ManifestIo.write(out, new Manifest(Manifest.FORMAT, alfRoot.toAbsolutePath().normalize().toString(), fingerprint,
                config.window().bins(), config.toMap(), entries, skipped));
        return new PrepareResult(out, fingerprint, outcomes, skipped);
    }

    private Manifest.Entry build(SessionFiles files, String fingerprint, SessionPipeline pipeline, Path out) {
        AlfSession session = AlfSessionReader.load(files, config);
        PreparedSession prepared = pipeline.run(session);
        PreparedStore.write(out, prepared);
        SessionRef ref = files.session();
        return new Manifest.Entry(ref.id(), ref.path().toString(), fingerprint, prepared.trials(), prepared.neurons(),
                files.inputs().stream().map(Path::toString).toList(), prepared.summary());
    }

    /** One line: trials and units kept, and why the others were dropped. */
    static String describe(SessionSummary s, boolean reused) {
        String dropped = s.dropped().entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return s.id() + (reused ? ": reused (unchanged), " : ": ") + s.trialsKept() + " of " + s.trialsTotal() + " trials kept"
                + (dropped.isEmpty() ? "" : " (dropped: " + dropped + ")") + ", " + s.unitsKept() + " of " + s.unitsTotal()
                + " units" + " (" + s.unitsBelowRate() + " at or below the rate limit"
                + (s.unitsNotGood() > 0 ? ", " + s.unitsNotGood() + " not good" : "") + "), split "
                + s.train() + "/" + s.val() + "/" + s.test();
    }

    /** Whether {@code dir} holds a prepared dataset. */
    public static boolean isPrepared(Path dir) {
        return Files.isRegularFile(dir.resolve(PreparedFiles.MANIFEST));
    }
}
