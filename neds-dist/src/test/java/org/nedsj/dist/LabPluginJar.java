package org.nedsj.dist;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.typesafe.config.Config;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nedsj.spi.NedsPlugin;

/**
 * A lab's plugin jar, compiled in the test with {@code javax.tools}: plugin {@code lab-test} offering
 * the masking scheme {@code test-scheme} (hides the first {@code masking.test-scheme.width} tokens),
 * with its own {@code reference.conf}. (neds-trainer's tests build a larger one of the same kind.)
 */
final class LabPluginJar {

    static final String DESCRIPTION = "hides the first masking.test-scheme.width tokens of every modality";

    private static final String SOURCE = """
            package org.example.lab;

            import com.typesafe.config.Config;
            import java.util.List;
            import org.nedsj.spi.*;

            public final class LabPlugin implements NedsPlugin {
                @Override public String name() { return "lab-test"; }

                @Override public List<MaskingSchemeFactory> maskingSchemes() {
                    return List.of(new MaskingSchemeFactory() {
                        @Override public String name() { return "test-scheme"; }
                        @Override public String description() { return "%s"; }
                        @Override public MaskingScheme create(Config masking, SchemeCatalog schemes) {
                            int width = masking.getInt("test-scheme.width");
                            return new MaskingScheme() {
                                @Override public String name() { return "test-scheme"; }
                                @Override public MaskPlan plan(Batch batch, long seed) {
                                    MaskPlan.Builder plan = MaskPlan.builder(batch.size(), batch.modalities(), "test-scheme");
                                    for (int i = 0; i < batch.size(); i++) {
                                        for (ModalitySpec m : batch.modalities()) {
                                            for (int t = 0; t < Math.min(width, m.tokensPerTrial()); t++) {
                                                plan.mask(m.name(), i, t);
                                            }
                                        }
                                    }
                                    return plan.build();
                                }
                            };
                        }
                    });
                }
            }
            """.formatted(DESCRIPTION);

    private static final String REFERENCE_CONF = """
            masking.test-scheme {
              # tokens hidden at the start of every modality of every trial
              width = 2
            }
            """;

    /** The message of the exception the broken plugin's constructor throws. */
    static final String THROWN = "licence file lab.lic not found";

    private static final String THROWING_SOURCE = """
            package org.example.lab;

            public final class LabPlugin implements org.nedsj.spi.NedsPlugin {
                public LabPlugin() { throw new IllegalStateException("%s"); }
                @Override public String name() { return "lab-broken"; }
            }
            """.formatted(THROWN);

    private static Map<String, byte[]> compiled;
    private static Map<String, byte[]> compiledThrowing;

    private LabPluginJar() {
    }

    static Path write(Path dir, String jarName) {
        try {
            return write(dir, jarName, compiledClasses());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile the lab plugin", e);
        }
    }

    /** A plugin jar whose plugin's constructor throws {@link #THROWN}; it also declares the masking scheme's config keys. */
    static Path writeThrowing(Path dir, String jarName) {
        try {
            synchronized (LabPluginJar.class) {
                if (compiledThrowing == null) {
                    compiledThrowing = compile(THROWING_SOURCE);
                }
            }
            return write(dir, jarName, compiledThrowing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile the broken plugin", e);
        }
    }

    private static Path write(Path dir, String jarName, Map<String, byte[]> classes) {
        return write(dir, jarName, classes, "org.example.lab.LabPlugin", REFERENCE_CONF);
    }

    /**
     * Compiles {@code source}, the plugin class {@code pluginClass} (one source file, its nested classes
     * included), and writes it as {@code dir/jarName} with {@code referenceConf}.
     */
    static Path write(Path dir, String jarName, String source, String pluginClass, String referenceConf) {
        try {
            return write(dir, jarName, compile(source, pluginClass), pluginClass, referenceConf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile " + pluginClass, e);
        }
    }

    private static Path write(Path dir, String jarName, Map<String, byte[]> classes, String pluginClass,
                              String referenceConf) {
        Path jar = dir.resolve(jarName);
        try {
            Files.createDirectories(dir);
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                put(out, "META-INF/services/" + NedsPlugin.class.getName(), (pluginClass + "\n").getBytes(UTF_8));
                put(out, "reference.conf", referenceConf.getBytes(UTF_8));
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    put(out, c.getKey(), c.getValue());
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static synchronized Map<String, byte[]> compiledClasses() throws IOException {
        if (compiled == null) {
            compiled = compile(SOURCE);
        }
        return compiled;
    }

    private static Map<String, byte[]> compile(String text) throws IOException {
        return compile(text, "org.example.lab.LabPlugin");
    }

    /** Compiles one source file: its class files (jar entry name → bytes), the compiler's folder deleted. */
    private static Map<String, byte[]> compile(String text, String pluginClass) throws IOException {
        Path work = Files.createTempDirectory("lab-plugin-src");
        try {
            Path source = work.resolve(pluginClass.replace('.', '/') + ".java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, text);
            Path classes = Files.createDirectories(work.resolve("classes"));
            String classPath = String.join(File.pathSeparator, location(NedsPlugin.class), location(Config.class),
                    location(SDVariable.class));
            int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                    List.of("-classpath", classPath, "-d", classes.toString(), "--release", "17", "-proc:none",
                            source.toString()).toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("the lab plugin did not compile (status " + status + ")");
            }
            return classEntries(classes);
        } finally {
            TinyWorld.deleteTree(work);
        }
    }

    private static Map<String, byte[]> classEntries(Path classes) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path c : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                entries.put(classes.relativize(c).toString().replace(File.separatorChar, '/'), Files.readAllBytes(c));
            }
        }
        return entries;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
