package org.nedsj.trainer.plugin;

import com.typesafe.config.Config;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.MaskingSchemeFactory;

/**
 * Creates masking schemes by name, handing itself to each factory so combining schemes (such as
 * {@code mixed}) can create the ones they name. A scheme that names itself, directly or through
 * others, is an error that shows the chain.
 */
final class MaskingSchemeCatalog implements MaskingSchemeFactory.SchemeCatalog {

    private final PluginCatalog catalog;
    private final Config masking;
    private final Deque<String> creating = new ArrayDeque<>();

    MaskingSchemeCatalog(PluginCatalog catalog, Config masking) {
        this.catalog = catalog;
        this.masking = masking;
    }

    @Override
    public MaskingScheme create(String name) {
        if (creating.contains(name)) {
            throw new IllegalArgumentException("masking scheme '" + name + "' contains itself: " + chain() + " -> " + name
                    + "; remove '" + name + "' from the schemes it combines");
        }
        String what = creating.isEmpty() ? "masking scheme '" + name + "'"
                : "masking scheme '" + name + "' (named by scheme '" + creating.peek() + "')";
        MaskingSchemeFactory factory;
        try {
            factory = catalog.factory(ExtensionPoint.MASKING_SCHEME, "masking scheme", name);
        } catch (UnknownFactoryException e) {
            throw catalog.withBrokenNote(PluginCatalog.unknown(ExtensionPoint.MASKING_SCHEME, what, e.available()));
        }
        creating.push(name);
        try {
            return factory.create(masking, this);
        } finally {
            creating.pop();
        }
    }

    private String chain() {
        List<String> order = new ArrayList<>(creating);
        Collections.reverse(order);
        return String.join(" -> ", order);
    }
}
