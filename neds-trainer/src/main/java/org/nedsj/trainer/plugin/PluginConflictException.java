package org.nedsj.trainer.plugin;

/**
 * Two plugins claim one name: the same plugin name, or the same factory name within one extension
 * point. The message names both origins.
 */
public final class PluginConflictException extends IllegalStateException {

    public PluginConflictException(String message) {
        super(message);
    }
}
