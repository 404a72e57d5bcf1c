package org.nedsj.lfp;

/** Checks of sample ranges against a recording. */
final class Ranges {

    private Ranges() {
    }

    static void require(LfpRecording r, long from, int count) {
        if (from < 0 || count < 0 || from + count > r.samples()) {
            throw new IllegalArgumentException(String.format("%s: samples %d to %d (%.3f to %.3f s) are outside the recording's %d"
                            + " samples (%.3f s); a trial window reaches past the LFP file: check that it belongs to this session",
                    r.file(), from, from + count, from / r.sampleRate(), (from + count) / r.sampleRate(), r.samples(),
                    r.samples() / r.sampleRate()));
        }
    }
}
