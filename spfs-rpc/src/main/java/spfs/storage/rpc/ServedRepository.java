package spfs.storage.rpc;

import java.util.Optional;
import spfs.storage.Repository;

/**
 * The repository a server serves, seen in the tag namespace a request names: spfs's requests
 * carry the namespace ("" for none) and the server's own configured namespace does not apply.
 */
record ServedRepository(Repository repository) {
    Repository in(String namespace) {
        return repository.withTagNamespace(namespace.isEmpty() ? Optional.empty() : Optional.of(namespace));
    }
}
