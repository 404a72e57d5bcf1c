package org.nedsj.trainer.batch;

/** One trial: its session's row in the model's session table, the session id, and the trial's row in the session. */
public record TrialRef(int session, String sessionId, int trial) {
}
