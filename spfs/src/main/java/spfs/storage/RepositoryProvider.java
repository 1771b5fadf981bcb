package spfs.storage;

import java.util.Map;
import java.util.Optional;
import spfs.config.Config;

/**
 * A kind of repository reached through a URL scheme and kept in a module of its own ({@code
 * s3://}), found with {@link java.util.ServiceLoader} only when such an address is opened, so
 * that commands which never open one never load its libraries.
 */
public interface RepositoryProvider {
    /** The URL scheme this provider opens, without the colon (e.g. {@code s3}). */
    String scheme();

    /**
     * Opens {@code address} (query removed). {@code options} are the configured remote's fields
     * with the address's query parameters over them.
     */
    Repository open(String address, Map<String, String> options, Optional<String> tagNamespace, Config config);
}
