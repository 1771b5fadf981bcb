package spfs.storage.s3;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import spfs.config.Config;
import spfs.error.SpfsException;
import spfs.storage.Repository;
import spfs.storage.RepositoryProvider;

/** Opens {@code s3://BUCKET/PREFIX} addresses (registered in META-INF/services). */
public final class S3RepositoryProvider implements RepositoryProvider {
    /** The settings an s3:// remote takes (besides its address and tag namespace). */
    static final Set<String> SETTINGS = Set.of("endpoint", "region", "path_style", "access_key_id", "secret_access_key",
            "session_token", "profile");
    /** Settings other repository kinds or wrappers read, which an s3:// address may carry too. */
    private static final Set<String> OTHERS = Set.of("tag_namespace", "create", "lazy", "when");

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public Repository open(String address, Map<String, String> options, Optional<String> tagNamespace, Config config) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(SETTINGS);
        unknown.removeAll(OTHERS);
        if (!unknown.isEmpty()) {
            throw SpfsException.badInput("invalid-config", "unknown setting" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + " for " + address + " (an s3:// repository takes " + new TreeSet<>(SETTINGS) + ")");
        }
        S3Location location = S3Location.parse(address);
        S3Settings settings = S3Settings.from(options, config.awsEnvironment());
        return S3Repository.open(ObjectStore.connect(location, settings, ObjectStore.Multipart.DEFAULT), tagNamespace, Leases.Timing.DEFAULT);
    }
}
