package org.nedsj.trainer.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Path;
import java.util.Optional;
import org.nedsj.trainer.plugin.PluginDirectory;

/**
 * Chooses the plugin directory before the plugins (and so the full reference) are known:
 * {@code plugins.dir} from the user's layers ({@code --set}, {@code -Dneds.plugins.dir}, the
 * experiment file) when set and not empty; otherwise {@code plugins/} under {@code -Dneds.home}
 * (set by the launcher), which may be absent; otherwise none.
 */
final class PluginDirectoryChoice {

    static final String KEY = "plugins.dir";

    private PluginDirectoryChoice() {
    }

    static Optional<PluginDirectory> choose(ExperimentSources sources) {
        Config user = sources.userLayers().resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
        try {
            if (user.hasPath(KEY) && !user.getString(KEY).isBlank()) {
                String where = ConfigSchemaCheck.where(user.getValue(KEY).origin());
                return Optional.of(new PluginDirectory(Path.of(user.getString(KEY)), KEY + " (" + where + ")", true));
            }
        } catch (ConfigException e) {
            throw new IllegalArgumentException(KEY + " must be a plain folder path: " + e.getMessage(), e);
        }
        return sources.nedsHome().map(home -> new PluginDirectory(home.resolve("plugins"), "-Dneds.home", false));
    }
}
