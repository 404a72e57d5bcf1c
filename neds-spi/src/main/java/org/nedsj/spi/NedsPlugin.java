package org.nedsj.spi;

import java.util.List;

/**
 * The entry point of a plugin, found by {@link java.util.ServiceLoader} on the class path and in the
 * jars of the plugin directory. List the implementing class in
 * {@code META-INF/services/org.nedsj.spi.NedsPlugin}.
 *
 * <p>A plugin contributes named factories for any of the four extension points. Factory names are
 * global: two plugins offering the same name for the same extension point stop the start-up.
 */
public interface NedsPlugin {

    /** A short name for listings, e.g. {@code ibl}. */
    String name();

    default List<DataSourceFactory> dataSources() {
        return List.of();
    }

    default List<ModalityEncoderFactory> modalityEncoders() {
        return List.of();
    }

    default List<ModalityDecoderFactory> modalityDecoders() {
        return List.of();
    }

    default List<MaskingSchemeFactory> maskingSchemes() {
        return List.of();
    }
}
