package org.nedsj.spi;

import com.typesafe.config.Config;

/** Creates a {@link MaskingScheme}. */
public interface MaskingSchemeFactory extends NamedFactory {

    /**
     * @param masking the resolved {@code masking} section (shared keys such as {@code ratio}, and a
     *                sub-section per scheme name)
     * @param schemes creates other schemes by name, for schemes that combine others (e.g. {@code mixed})
     */
    MaskingScheme create(Config masking, SchemeCatalog schemes);

    /** Looks up and creates schemes by name. */
    interface SchemeCatalog {
        /** @throws IllegalArgumentException naming the available schemes when {@code name} is unknown */
        MaskingScheme create(String name);
    }
}
