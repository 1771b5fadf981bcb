package spfs.storage.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import spfs.commit.DirectoryCommitter;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;

/** s3:// repositories on a test server, with short lease times where a test waits on them. */
final class TestRepositories {
    private TestRepositories() {}

    static final Leases.Timing QUICK = new Leases.Timing(Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofSeconds(60),
            Duration.ofMillis(100));
    /** Small parts, so that a few MiB already go up as a multipart upload. */
    static final ObjectStore.Multipart SMALL_PARTS = new ObjectStore.Multipart(6L << 20, 5L << 20);

    static S3Repository open(S3ProxyServer server, String address) {
        return open(server, address, Leases.Timing.DEFAULT);
    }

    static S3Repository open(S3ProxyServer server, String address, Leases.Timing timing) {
        return open(server, address, Map.of(), timing);
    }

    static S3Repository open(S3ProxyServer server, String address, Map<String, String> options, Leases.Timing timing) {
        S3Settings settings = S3Settings.from(options, server.awsEnvironment());
        return S3Repository.open(ObjectStore.connect(S3Location.parse(address), settings, SMALL_PARTS), Optional.empty(), timing);
    }

    /** A local repository with {@code files} committed (name → content) and tagged {@code tag}. */
    static FsRepository localWith(Path dir, String tag, Map<String, byte[]> files) throws Exception {
        FsRepository local = FsRepository.create(dir.resolve("local-" + tag.replace('/', '-')), Optional.empty());
        Path src = dir.resolve("src-" + tag.replace('/', '-'));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = src.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        var result = new DirectoryCommitter(local, ObjectFormat.DEFAULT, 2).commit(src);
        local.pushTag(spfs.tag.TagSpec.parse(tag), result.layer().digest(), "tester@host");
        return local;
    }
}
