package org.nedsj.trainer.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseable;
import java.nio.file.Path;

/**
 * Makes {@code include "base.conf"} in an experiment file an error when no {@code base.conf} exists
 * next to the including file. Plain HOCON skips a missing include silently, so a misspelt base would
 * quietly fall back to the defaults. URL includes, and {@code required(…)}/{@code file(…)}/
 * {@code classpath(…)} includes, behave as HOCON says.
 */
final class ExistingFileIncluder implements ConfigIncluder {

    private final Path experimentFile;
    private final ConfigIncluder fallback;

    ExistingFileIncluder(Path experimentFile) {
        this(experimentFile, null);
    }

    private ExistingFileIncluder(Path experimentFile, ConfigIncluder fallback) {
        this.experimentFile = experimentFile;
        this.fallback = fallback;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return new ExistingFileIncluder(experimentFile, fallback);
    }

    /** Called for {@code include "name"}. */
    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        if (!looksLikeUrl(what) && !exists(context.relativeTo(what))) {
            throw new ConfigException.IO(ConfigOriginFactory.newFile(experimentFile.toString()), "include \"" + what
                    + "\" (in this file or one it includes): there is no such file next to the including file;"
                    + " check the name (includes are resolved relative to the file that includes them)");
        }
        return fallback.include(context, what);
    }

    /**
     * The context offers the file next to the including file when it exists, otherwise a class-path
     * resource of that name (or nothing), which counts only when it exists.
     */
    private static boolean exists(ConfigParseable found) {
        if (found == null) {
            return false;
        }
        if (found.origin().filename() != null) {
            return true;
        }
        try {
            found.parse(found.options().setAllowMissing(false));
            return true;
        } catch (ConfigException.IO missing) {
            return false;
        }
    }

    private static boolean looksLikeUrl(String what) {
        return what.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }
}
