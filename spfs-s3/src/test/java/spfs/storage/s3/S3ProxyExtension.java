package spfs.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One S3Proxy server for a test class ({@code @RegisterExtension static}): started before its
 * first test, killed after its last, its data removed; each test takes a bucket of its own.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    private final AtomicInteger buckets = new AtomicInteger();
    private Path dir;
    private S3ProxyServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("s3proxy-");
        server = S3ProxyServer.start(dir.resolve("s3"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public S3ProxyServer server() {
        return server;
    }

    /** The address of a repository under {@code keyPrefix} in a bucket made for it. */
    public String freshRepository(String keyPrefix) {
        String bucket = "bucket-" + buckets.incrementAndGet();
        server.createBucket(bucket);
        return "s3://" + bucket + "/" + keyPrefix;
    }
}
