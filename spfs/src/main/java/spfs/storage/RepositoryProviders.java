package spfs.storage;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import spfs.error.SpfsException;

/**
 * Finds the {@link RepositoryProvider} for a URL scheme: on the class path, then in the jars
 * named by {@link #PROVIDER_PATH}, which the launchers point at repository kinds kept off the
 * class path (the s3 module and the AWS SDK), so that their jars are opened only by a command
 * that opens such an address.
 */
public final class RepositoryProviders {
    /**
     * A class path ({@code DIR/*} meaning every jar in DIR) of repository kinds kept off the
     * class path: on it, every command's start would go through each of their jars.
     */
    public static final String PROVIDER_PATH = "spfs.repository.kinds.path";

    private RepositoryProviders() {}

    /** The provider of {@code scheme}, or a bad-input error naming the schemes that exist. */
    public static RepositoryProvider forScheme(String scheme) {
        return find(scheme, ServiceLoader.load(RepositoryProvider.class))
                .or(() -> find(scheme, ServiceLoader.load(RepositoryProvider.class, KindsPath.LOADER)))
                .orElseThrow(() -> SpfsException.badInput("unknown-scheme", "no repository kind for '" + scheme
                        + ":' addresses is installed (known: file:, tar:, proxy:, fallback:" + installed()
                        + (scheme.equals("s3") ? "; s3:// needs the spfs-s3 module" : "") + ")"));
    }

    private static String installed() {
        StringBuilder b = new StringBuilder();
        for (ServiceLoader<RepositoryProvider> l : List.of(ServiceLoader.load(RepositoryProvider.class),
                ServiceLoader.load(RepositoryProvider.class, KindsPath.LOADER))) {
            l.stream().map(p -> p.get().scheme()).distinct().sorted().forEach(s -> b.append(", ").append(s).append(':'));
        }
        return b.toString();
    }

    private static Optional<RepositoryProvider> find(String scheme, ServiceLoader<RepositoryProvider> loader) {
        for (RepositoryProvider p : loader) {
            if (p.scheme().equals(scheme)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Made once, at first use: one loader per process, so the SDK's classes load once. */
    private static final class KindsPath {
        static final ClassLoader LOADER = new URLClassLoader(urls(System.getProperty(PROVIDER_PATH, "")),
                RepositoryProviders.class.getClassLoader());
    }

    private static URL[] urls(String classPath) {
        List<URL> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            try {
                if (entry.endsWith("/*")) {
                    File[] jars = new File(entry.substring(0, entry.length() - 2)).listFiles((dir, name) -> name.endsWith(".jar"));
                    for (File jar : jars == null ? new File[0] : jars) {
                        out.add(jar.toURI().toURL());
                    }
                } else if (!entry.isEmpty()) {
                    out.add(new File(entry).toURI().toURL());
                }
            } catch (MalformedURLException e) {
                throw new IllegalStateException("a file's own URL is malformed: " + entry, e);
            }
        }
        return out.toArray(new URL[0]);
    }
}
