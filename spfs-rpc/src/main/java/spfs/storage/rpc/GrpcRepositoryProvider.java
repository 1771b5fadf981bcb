package spfs.storage.rpc;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import spfs.config.Config;
import spfs.error.SpfsException;
import spfs.storage.Repository;
import spfs.storage.RepositoryProvider;

/**
 * {@code grpc://HOST[:PORT]} (and {@code http2://}, the same, through {@link Http2RepositoryProvider};
 * port 7737 when left out), with
 * spfs's parameters: {@code lazy=true} (do not ping the server on opening),
 * {@code timeout_ms}, {@code max_decode_message_size_bytes}, {@code max_encode_message_size_bytes},
 * {@code tag_namespace}; and ours, {@code compress=bzip2} (ask for payloads compressed, for slow
 * links).
 */
public class GrpcRepositoryProvider implements RepositoryProvider {
    /** spfs's port ("spfs" on a phone's keypad). */
    public static final int DEFAULT_PORT = 7737;
    /** Larger than spfs's 4 MB: the manifest of a layer of 50,000 files is bigger than that. */
    static final int DEFAULT_MAX_DECODE = 256 << 20;

    @Override
    public String scheme() {
        return "grpc";
    }

    @Override
    public Repository open(String address, Map<String, String> options, Optional<String> tagNamespace, Config config) {
        java.net.URI uri;
        try {
            uri = new java.net.URI("x:" + address.substring(address.indexOf(':') + 1));
        } catch (java.net.URISyntaxException e) {
            throw invalid(address, e.getReason());
        }
        if (uri.getHost() == null) {
            throw invalid(address, "it needs a host, as in grpc://HOST:PORT");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        Optional<Duration> timeout = number(address, options, "timeout_ms").map(Duration::ofMillis);
        int maxDecode = number(address, options, "max_decode_message_size_bytes").map(Math::toIntExact)
                .orElse(DEFAULT_MAX_DECODE);
        Optional<Integer> maxEncode = number(address, options, "max_encode_message_size_bytes").map(Math::toIntExact);
        String compress = options.getOrDefault("compress", "none");
        if (!compress.equals("none") && !compress.equals("bzip2")) {
            throw invalid(address, "compress must be none or bzip2");
        }
        String lazy = options.getOrDefault("lazy", "false");
        if (!lazy.equals("true") && !lazy.equals("false")) {
            throw invalid(address, "lazy must be true or false, not '" + lazy + "'");
        }
        RpcConnection connection = new RpcConnection(uri.getHost(), port, timeout, maxDecode, maxEncode,
                compress.equals("bzip2"));
        RpcRepository repo = new RpcRepository(address, connection, tagNamespace, true);
        if (lazy.equals("false")) {
            try {
                repo.ping();
            } catch (RuntimeException e) {
                repo.close();
                throw e;
            }
        }
        return repo;
    }

    private static Optional<Long> number(String address, Map<String, String> options, String key) {
        Optional<String> v = Optional.ofNullable(options.get(key));
        try {
            Optional<Long> n = v.map(Long::parseLong);
            if (n.isPresent() && (n.get() <= 0 || n.get() > Integer.MAX_VALUE)) {
                throw invalid(address, key + " must be a positive whole number below 2^31");
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(address, key + " must be a whole number, not '" + v.get() + "'");
        }
    }

    private static SpfsException invalid(String address, String why) {
        return SpfsException.badInput("invalid-address", "invalid repository address '" + address + "': " + why);
    }
}
