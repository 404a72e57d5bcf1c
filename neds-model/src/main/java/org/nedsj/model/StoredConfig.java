package org.nedsj.model;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.File;
import java.net.URL;

/**
 * Parses configuration text stored in a model file. A model file is data: an {@code include} of
 * any form (plain, {@code url()}, {@code file()}, {@code classpath()}) is refused, never followed.
 */
final class StoredConfig {

    private static final ConfigParseOptions DATA_ONLY = ConfigParseOptions.defaults()
            .setSyntax(ConfigSyntax.CONF)
            .setAllowMissing(false)
            .setIncluder(new RefusingIncluder());

    private StoredConfig() {
    }

    /** @throws ConfigException when the text is not HOCON or includes anything */
    static Config parse(String text) {
        return ConfigFactory.parseString(text, DATA_ONLY);
    }

    /** Implements every includer interface, so that no form of include falls back to Typesafe's own loader. */
    private static final class RefusingIncluder implements ConfigIncluder, ConfigIncluderURL, ConfigIncluderFile,
            ConfigIncluderClasspath {

        @Override
        public ConfigIncluder withFallback(ConfigIncluder fallback) {
            return this;
        }

        @Override
        public ConfigObject include(ConfigIncludeContext context, String what) {
            throw refused("\"" + what + "\"");
        }

        @Override
        public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
            throw refused("url(" + url + ")");
        }

        @Override
        public ConfigObject includeFile(ConfigIncludeContext context, File file) {
            throw refused("file(" + file + ")");
        }

        @Override
        public ConfigObject includeResources(ConfigIncludeContext context, String resource) {
            throw refused("classpath(" + resource + ")");
        }

        private static ConfigException refused(String what) {
            return new ConfigException.Generic("include " + what + " refused: a stored configuration may not include anything");
        }
    }
}
