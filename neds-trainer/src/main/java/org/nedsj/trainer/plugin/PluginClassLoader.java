package org.nedsj.trainer.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads one plugin from its jar (or its folder of jars), in the manner of Trino's plugin class loader:
 * the plugin's own classes come first, so a plugin can bundle its own versions of libraries, while
 * the contract and the libraries whose types cross it ({@code org.nedsj.spi}, Typesafe Config,
 * ND4J/DL4J, SLF4J and the JDK) always come from the application, so there is one {@code NedsPlugin}, one
 * {@code Config} and one {@code SDVariable} class.
 *
 * <p>Service files ({@code META-INF/services/…}) are looked up in the plugin's own jars only, so
 * {@link java.util.ServiceLoader} on this loader finds exactly the plugins these jars declare.
 */
final class PluginClassLoader extends URLClassLoader {

    /** Package prefixes always loaded by the application class loader. */
    static final List<String> SHARED_PACKAGES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.",
            "org.nedsj.spi.", "com.typesafe.config.", "org.nd4j.", "org.bytedeco.", "org.deeplearning4j.", "org.slf4j.");

    private static final String SERVICES = "META-INF/services/";

    static {
        registerAsParallelCapable();
    }

    PluginClassLoader(String name, URL[] jars, ClassLoader application) {
        super(name, jars, application);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                try {
                    type = findClass(name);
                } catch (ClassNotFoundException notInPlugin) {
                    type = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(SERVICES)) {
            return findResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
        if (!name.startsWith(SERVICES)) {
            urls.addAll(Collections.list(getParent().getResources(name)));
        }
        return Collections.enumeration(urls);
    }

    /** The resources of this plugin's own jars, without the application's. */
    Enumeration<URL> ownResources(String name) throws IOException {
        return findResources(name);
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
