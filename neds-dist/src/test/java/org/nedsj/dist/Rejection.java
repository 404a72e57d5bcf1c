package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every rejected bad input must look like: exit status 2, one line naming the problem, no stack trace. */
final class Rejection {

    private Rejection() {
    }

    static void assertUserError(CommandRun run, String... fragments) {
        String err = run.err();
        assertEquals(FailureReport.USER_ERROR, run.status(), "exit status of a user error; stderr: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "the message should say '" + f + "':\n" + err);
        }
        assertFalse(err.contains("\tat ") || err.contains("please report"), "no stack trace for a user error:\n" + err);
        assertEquals(1, err.strip().lines().count(), "one line:\n" + err);
    }
}
