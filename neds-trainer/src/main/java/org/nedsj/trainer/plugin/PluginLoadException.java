package org.nedsj.trainer.plugin;

/** A plugin could not be found, loaded or instantiated; the message names the jar or class. */
public final class PluginLoadException extends IllegalStateException {

    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
