package org.nedsj.prep.store;

import org.nedsj.prep.align.PreparedSession;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * One session a data source offers for preparation: its id and where it is, and how to find its
 * inputs (which may fail with {@link org.nedsj.prep.align.IncompleteSessionException}).
 *
 * @param id      session id, also its folder name in the dataset
 * @param path    where the session lives (for messages and the skipped list)
 * @param resolve finds the session's inputs
 */
public record SessionJob(String id, Path path, Supplier<Inputs> resolve) {

    /** The inputs of one session, found: enough to fingerprint it, and how to prepare it. */
    public interface Inputs {

        /** The files the session is prepared from. */
        List<Path> files();

        /** Digest of the inputs and config ({@link InputFingerprint#of}). */
        String fingerprint();

        /** Reads and preprocesses the session. */
        PreparedSession prepare();
    }
}
