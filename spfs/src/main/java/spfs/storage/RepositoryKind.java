package spfs.storage;

import java.util.Set;

/**
 * A kind of repository reached through a URL scheme that another module provides (spfs-rpc's
 * {@code grpc:}/{@code http2:}); {@link Repositories} finds kinds with {@link
 * java.util.ServiceLoader}, so the core does not depend on their libraries.
 */
public interface RepositoryKind {
    /** The schemes this kind opens (lower case, without the colon). */
    Set<String> schemes();

    /**
     * Opens the repository at {@code address}; {@code repositories} opens any others it names.
     * Failures are {@link spfs.error.SpfsException}s saying what could not be reached and why.
     */
    Repository open(RepositoryAddress address, Repositories repositories);
}
