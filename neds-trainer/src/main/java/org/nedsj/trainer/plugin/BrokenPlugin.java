package org.nedsj.trainer.plugin;

/**
 * A plugin that was found but could not be loaded: where it is and why. It stops only the commands
 * that need what it would have provided; {@code neds plugins} lists it.
 */
public record BrokenPlugin(String location, String cause) {

    static BrokenPlugin of(String location, Throwable failure) {
        StringBuilder cause = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable c = failure.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            cause.append(": ").append(c);
        }
        return new BrokenPlugin(location, cause.toString());
    }

    @Override
    public String toString() {
        return location + " (" + cause + ")";
    }
}
