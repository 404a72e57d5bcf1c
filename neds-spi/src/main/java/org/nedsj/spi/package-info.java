/**
 * The NEDS-J plugin contract. A plugin implements {@link org.nedsj.spi.NedsPlugin} and lists it in
 * {@code META-INF/services/org.nedsj.spi.NedsPlugin}; it contributes named factories for data
 * sources, modality encoders and decoders, and masking schemes. Everything here is an interface or
 * an immutable value; a plugin needs this module (and nd4j-api for graph pieces) and nothing else.
 */
package org.nedsj.spi;
