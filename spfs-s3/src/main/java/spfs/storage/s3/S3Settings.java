package spfs.storage.s3;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import spfs.error.SpfsException;

/**
 * How to reach an object store: endpoint, region, path-style addressing and credentials. Each
 * comes from the repository's own settings first (the address's query, then its {@code
 * [remote.NAME]} section), then from the AWS variables; see docs/spfs-s3.md.
 *
 * @param endpoint the store's URL; empty means AWS S3 itself
 * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key};
 *     the default when an endpoint is given, since self-hosted stores rarely have per-bucket DNS
 * @param keys static credentials; empty means the AWS profile files, then anonymous access
 * @param profile the profile of ~/.aws/credentials and ~/.aws/config to read when no keys are given
 */
record S3Settings(Optional<URI> endpoint, String region, boolean pathStyle, Optional<Keys> keys, Optional<String> profile) {
    /** The region S3-compatible stores are addressed with when none is set (they mostly ignore it). */
    static final String DEFAULT_REGION = "us-east-1";

    /** An access key pair, with a session token for temporary credentials. */
    record Keys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        @Override
        public String toString() {
            return "Keys[" + accessKeyId + ", secret hidden]";
        }
    }

    static S3Settings from(Map<String, String> options, Map<String, String> env) {
        Optional<URI> endpoint = first(options.get("endpoint"), env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"))
                .map(S3Settings::endpoint);
        String region = first(options.get("region"), env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")).orElse(DEFAULT_REGION);
        boolean pathStyle = first(options.get("path_style")).map(v -> bool("path_style", v)).orElse(endpoint.isPresent());
        Optional<Keys> keys;
        if (options.containsKey("access_key_id") || options.containsKey("secret_access_key")) {
            keys = Optional.of(keys(options.get("access_key_id"), options.get("secret_access_key"), options.get("session_token"),
                    "the remote's access_key_id and secret_access_key"));
        } else if (env.containsKey("AWS_ACCESS_KEY_ID") || env.containsKey("AWS_SECRET_ACCESS_KEY")) {
            keys = Optional.of(keys(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_SESSION_TOKEN"),
                    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"));
        } else {
            keys = Optional.empty();
        }
        return new S3Settings(endpoint, region, pathStyle, keys, first(options.get("profile"), env.get("AWS_PROFILE")));
    }

    private static Keys keys(String id, String secret, String token, String where) {
        if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
            throw SpfsException.badInput("invalid-s3-credentials", where + " must be set together");
        }
        return new Keys(id, secret, Optional.ofNullable(token).filter(t -> !t.isEmpty()));
    }

    private static URI endpoint(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw SpfsException.badInput("invalid-s3-endpoint", "invalid S3 endpoint '" + text + "': " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw SpfsException.badInput("invalid-s3-endpoint", "invalid S3 endpoint '" + text
                    + "': expected http://HOST[:PORT] or https://HOST[:PORT]");
        }
        return uri;
    }

    private static boolean bool(String name, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw SpfsException.badInput("invalid-config", name + " must be true or false, not '" + v + "'");
        };
    }

    private static Optional<String> first(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The endpoint as users name it in messages. */
    String endpointText() {
        return endpoint.map(URI::toString).orElse("AWS S3 (" + region + ")");
    }
}
