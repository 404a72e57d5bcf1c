package org.nedsj.trainer.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nedsj.spi.NedsPlugin;

/**
 * Builds a real plugin jar the way a lab would: Java source compiled with {@code javax.tools}, a
 * {@code META-INF/services} entry and the plugin's own {@code reference.conf}. The plugin
 * ({@code org.example.lab.LabPlugin}) contributes two masking schemes: {@code test-scheme} hides the
 * first {@code masking.test-scheme.width} tokens of every modality, and {@code test-alternating}
 * plans trial i with scheme {@code i mod n} of {@code masking.test-alternating.schemes} (created by
 * name through the scheme catalog, as {@code mixed} does). The plugin's name is read from a resource,
 * so jars with different names share one compilation.
 */
public final class LabPluginJar {

    public static final String REFERENCE_CONF = """
            masking {
              test-scheme {
                # tokens hidden at the start of every modality of every trial
                width = 2
              }
              test-alternating {
                # the schemes to alternate between, by name
                schemes = [test-scheme]
              }
            }
            """;

    private static final String SOURCE = """
            package org.example.lab;

            import com.typesafe.config.Config;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.UncheckedIOException;
            import java.nio.charset.StandardCharsets;
            import java.util.List;
            import org.nedsj.spi.*;

            public final class LabPlugin implements NedsPlugin {
                @Override public String name() {
                    try (InputStream in = LabPlugin.class.getResourceAsStream("plugin-name.txt")) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override public List<MaskingSchemeFactory> maskingSchemes() {
                    return List.of(new FirstTokens(), new Alternating());
                }

                static final class FirstTokens implements MaskingSchemeFactory {
                    @Override public String name() { return "test-scheme"; }
                    @Override public String description() { return "hides the first masking.test-scheme.width tokens of every modality"; }
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
                }

                static final class Alternating implements MaskingSchemeFactory {
                    @Override public String name() { return "test-alternating"; }
                    @Override public String description() { return "plans trial i with scheme i mod n of masking.test-alternating.schemes"; }
                    @Override public MaskingScheme create(Config masking, SchemeCatalog schemes) {
                        List<MaskingScheme> parts = masking.getStringList("test-alternating.schemes").stream().map(schemes::create).toList();
                        return new MaskingScheme() {
                            @Override public String name() { return "test-alternating"; }
                            @Override public MaskPlan plan(Batch batch, long seed) {
                                MaskPlan.Builder plan = MaskPlan.builder(batch.size(), batch.modalities(), "test-alternating");
                                for (int i = 0; i < batch.size(); i++) {
                                    plan.copyTrial(parts.get(i % parts.size()).plan(batch, seed), i, i);
                                }
                                return plan.build();
                            }
                        };
                    }
                }
            }
            """;

    private static Map<String, byte[]> compiled;

    private LabPluginJar() {
    }

    /** Writes {@code dir/jarName}, a plugin named {@code pluginName}. */
    public static Path write(Path dir, String jarName, String pluginName) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/services/" + NedsPlugin.class.getName(), "org.example.lab.LabPlugin\n".getBytes(UTF_8));
        entries.put("reference.conf", REFERENCE_CONF.getBytes(UTF_8));
        entries.put("org/example/lab/plugin-name.txt", pluginName.getBytes(UTF_8));
        entries.putAll(compiledClasses());
        return writeJar(dir.resolve(jarName), entries);
    }

    /** Writes a jar holding exactly {@code entries} (name → content). */
    public static Path writeJar(Path jar, Map<String, byte[]> entries) {
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    out.putNextEntry(new JarEntry(e.getKey()));
                    out.write(e.getValue());
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }

    /** Compiles the plugin once per JVM: its class files (jar entry name → bytes), the compiler's folder deleted. */
    private static synchronized Map<String, byte[]> compiledClasses() {
        if (compiled != null) {
            return compiled;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("lab-plugin-src");
            Path source = work.resolve("org/example/lab/LabPlugin.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, SOURCE);
            Path classes = Files.createDirectories(work.resolve("classes"));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) {
                throw new IllegalStateException("no Java compiler: run the tests on a JDK");
            }
            String classPath = String.join(java.io.File.pathSeparator,
                    location(NedsPlugin.class), location(Config.class), location(SDVariable.class));
            List<String> args = new ArrayList<>(List.of("-classpath", classPath, "-d", classes.toString(),
                    "--release", "17", "-proc:none", source.toString()));
            int status = javac.run(null, null, null, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("the lab plugin did not compile (status " + status + ")");
            }
            compiled = classEntries(classes);
            return compiled;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(work);
        }
    }

    private static Map<String, byte[]> classEntries(Path classes) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path c : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                entries.put(classes.relativize(c).toString().replace('\\', '/'), Files.readAllBytes(c));
            }
        }
        return entries;
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the lab plugin's compiler folder " + root, e);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
