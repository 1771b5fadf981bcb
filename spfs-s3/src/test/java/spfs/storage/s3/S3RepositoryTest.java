package spfs.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import spfs.check.CheckReport;
import spfs.check.Checker;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.error.UnknownReferenceException;
import spfs.graph.Layer;
import spfs.graph.Platform;
import spfs.storage.Refs;
import spfs.storage.Repository;
import spfs.storage.TagDatabase.TagListing;
import spfs.storage.WriteSession;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.Syncer;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class S3RepositoryTest {
    @RegisterExtension
    static final S3ProxyExtension proxy = new S3ProxyExtension();

    @TempDir
    Path tmp;

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aLayerPushedAndPulledBackIsWholeAndChecksClean() throws Exception {
        FsRepository local = TestRepositories.localWith(tmp, "proj/base", Map.of("a.txt", "hello\n".getBytes(StandardCharsets.UTF_8),
                "bin/tool", random(300_000, 1), "lib/big.so", random(9 << 20, 2)));
        try (S3Repository s3 = TestRepositories.open(proxy.server(), proxy.freshRepository("studio/spfs"))) {
            try (Syncer s = new Syncer(local, s3, SyncPolicy.LATEST_TAGS, 4, SyncReporter.NONE)) {
                s.syncRef("proj/base");
            }
            Tag head = s3.resolveTag(TagSpec.parse("proj/base"));
            assertEquals(local.resolveTag(TagSpec.parse("proj/base")), head, "the version is copied as it is");
            // the layout of a folder repository, under the prefix
            Path objects = proxy.server().dataDir().resolve(s3.store().location().bucket()).resolve("studio/spfs/objects");
            String text = head.target().toString();
            assertTrue(Files.isRegularFile(objects.resolve(text.substring(0, 2)).resolve(text.substring(2))));

            CheckReport r = new Checker(s3, Optional.empty(), 4).check(List.of());
            assertEquals(List.of(), r.problems());
            assertEquals(3, r.payloadsChecked(), "three files and nothing else");

            FsRepository back = FsRepository.create(tmp.resolve("back"), Optional.empty());
            try (Syncer s = new Syncer(s3, back, SyncPolicy.MISSING_DATA_ONLY, 4, SyncReporter.NONE)) {
                s.syncRef("proj/base");
            }
            assertEquals(List.of(), new Checker(back, Optional.empty(), 4).check(List.of()).problems());
            try (Stream<Digest> a = local.payloadDigests(); Stream<Digest> b = back.payloadDigests()) {
                assertEquals(a.sorted().toList(), b.sorted().toList());
            }
            Layer layer = (Layer) s3.readObject(head.target());
            assertEquals(layer, back.readObject(head.target()));
        }
    }

    @Test
    void largePayloadsGoUpInPartsAndLeaveNoUnfinishedUpload() throws Exception {
        byte[] big = random(13 << 20, 3); // three parts of at least 5 MiB
        try (S3Repository s3 = TestRepositories.open(proxy.server(), proxy.freshRepository("studio/spfs"))) {
            Digest d;
            try (WriteSession w = s3.beginWrite()) {
                var write = w.writePayload(new ByteArrayInputStream(big), -1);
                assertTrue(write.created());
                assertEquals(big.length, write.size());
                d = write.digest();
            }
            assertEquals(Digest.of(big), d);
            assertEquals(big.length, s3.payloadSize(d));
            try (InputStream in = s3.openPayload(d)) {
                assertArrayEquals(big, in.readAllBytes());
            }
            assertEquals(List.of(), s3.store().unfinishedUploads());
            try (WriteSession w = s3.beginWrite()) {
                assertFalse(w.writePayload(new ByteArrayInputStream(big), -1).created(), "an existing large payload is not sent again");
            }
        }
    }

    @Test
    void aPayloadThatDoesNotHashToItsExpectedDigestIsNeverStored() {
        byte[] content = "not what it claims\n".getBytes(StandardCharsets.UTF_8);
        byte[] large = random(5 << 20, 4);
        Digest claimed = Digest.ofUtf8("something else");
        try (S3Repository s3 = TestRepositories.open(proxy.server(), proxy.freshRepository("studio/spfs")); WriteSession w = s3.beginWrite()) {
            var small = assertThrows(spfs.error.CorruptObjectException.class,
                    () -> w.writePayload(new ByteArrayInputStream(content), -1, claimed));
            assertTrue(small.getMessage().contains(Digest.of(content).toString()), small.getMessage());
            assertThrows(spfs.error.CorruptObjectException.class, () -> w.writePayload(new ByteArrayInputStream(large), -1, claimed));
            for (Digest d : List.of(claimed, Digest.of(content), Digest.of(large))) {
                assertFalse(s3.hasPayload(d), "nothing is stored under either digest");
            }
        }
    }

    @Test
    void aCorruptSourcePayloadIsRefusedByPushWithOneLine() throws Exception {
        FsRepository local = TestRepositories.localWith(tmp, "bad", Map.of("f", "original\n".getBytes(StandardCharsets.UTF_8)));
        Digest payload;
        try (Stream<Digest> all = local.payloadDigests()) {
            payload = all.findFirst().orElseThrow();
        }
        Path file = local.payloadPath(payload);
        file.toFile().setWritable(true);
        Files.writeString(file, "tampered\n");
        try (S3Repository s3 = TestRepositories.open(proxy.server(), proxy.freshRepository("studio/spfs"))) {
            SpfsException e = assertThrows(SpfsException.class, () -> {
                try (Syncer s = new Syncer(local, s3, SyncPolicy.LATEST_TAGS, 2, SyncReporter.NONE)) {
                    s.syncRef("bad");
                }
            });
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("is corrupt"), e.getMessage());
            assertFalse(s3.hasPayload(payload));
            assertFalse(s3.hasPayload(Digest.ofUtf8("tampered\n")));
            assertThrows(UnknownReferenceException.class, () -> s3.resolveTag(TagSpec.parse("bad")), "no tag points at nothing");
        }
    }

    @Test
    void tagStreamsKeepEveryVersionAsAKeyOfItsOwn() {
        try (S3Repository s3 = TestRepositories.open(proxy.server(), proxy.freshRepository("studio/spfs"))) {
            Digest a;
            Digest b;
            try (WriteSession w = s3.beginWrite()) {
                a = w.writeObject(new Platform(List.of(Digest.ofUtf8("a"))));
                b = w.writeObject(new Platform(List.of(Digest.ofUtf8("b"))));
                w.pushTag(TagSpec.parse("org/deep/name"), a, "u@h");
                w.pushTag(TagSpec.parse("org/deep/name"), b, "u@h");
                Tag same = w.pushTag(TagSpec.parse("org/deep/name"), b, "u@h");
                assertEquals(b, same.target(), "pushing the head's own target again adds nothing");
                w.pushTag(TagSpec.parse("org/other"), a, "u@h");
                w.pushTag(TagSpec.parse("top"), a, "u@h");
                assertThrows(UnknownObjectException.class, () -> w.pushTag(TagSpec.parse("dangling"), Digest.ofUtf8("nothing"), "u@h"));
            }
            List<Tag> stream = s3.readTagStream(TagSpec.parse("org/deep/name"));
            assertEquals(List.of(b, a), stream.stream().map(Tag::target).toList(), "newest first");
            assertEquals(stream.get(1).digest(), stream.get(0).parent());
            assertEquals(a, s3.resolveTag(TagSpec.parse("org/deep/name~1")).target());
            try (Stream<TagSpec> all = s3.tagStreams()) {
                assertEquals(List.of("org/deep/name", "org/other", "top"), all.map(TagSpec::path).toList());
            }
            assertEquals(List.of(new TagListing("org/", true), new TagListing("top", false)), s3.lsTags(""));
            assertEquals(List.of(new TagListing("deep/", true), new TagListing("other", false)), s3.lsTags("org"));
            assertEquals(List.of("org/deep/name~1", "org/other", "top"),
                    s3.findTags(a).stream().map(TagSpec::toString).sorted().toList());
            assertEquals(b, Refs.resolveDigest(s3, "org/deep/name"));
            assertEquals(List.of(b), s3.findObjects(PartialDigest.parse(b.toString().substring(0, 7))));

            S3Repository ns = s3.withNamespace(Optional.of("team"));
            try (WriteSession w = ns.beginWrite()) {
                w.pushTag(TagSpec.parse("top"), b, "u@h");
            }
            assertEquals(b, ns.resolveTag(TagSpec.parse("top")).target());
            assertEquals(a, s3.resolveTag(TagSpec.parse("top")).target(), "namespaces do not see each other's tags");
            try (Stream<TagSpec> all = s3.tagStreams()) {
                assertEquals(3, all.count(), "the namespace's streams are not the root's");
            }
            assertEquals(List.of("team"), s3.tagStore().namespaces());

            s3.removeTag(stream.get(1));
            assertEquals(List.of(b), s3.readTagStream(TagSpec.parse("org/deep/name")).stream().map(Tag::target).toList());
            s3.removeTagStream(TagSpec.parse("org/other"));
            assertEquals(List.of(), s3.readTagStream(TagSpec.parse("org/other")));
            assertThrows(UnknownReferenceException.class, () -> s3.removeTagStream(TagSpec.parse("org/other")));
        }
    }

    @Test
    void aTagVersionWhoseContentIsNotItsNameIsReportedByCheck() throws Exception {
        try (S3Repository s3 = TestRepositories.open(proxy.server(), proxy.freshRepository("studio/spfs"))) {
            Digest p;
            try (WriteSession w = s3.beginWrite()) {
                p = w.writeObject(new Platform(List.of()));
                w.pushTag(TagSpec.parse("good"), p, "u@h");
                w.pushTag(TagSpec.parse("bad"), p, "u@h");
            }
            Tag bad = s3.resolveTag(TagSpec.parse("bad"));
            // another version's bytes under this version's name
            Tag other = new Tag(Optional.empty(), "bad", Digest.ofUtf8("elsewhere"), Digest.NULL, "u@h", bad.time());
            s3.store().write(S3Layout.version(Optional.empty(), bad), spfs.tag.TagStreamFormat.encode(List.of(other)), true);
            S3Repository fresh = TestRepositories.open(proxy.server(), s3.address());
            SpfsException e = assertThrows(SpfsException.class, () -> fresh.readTagStream(TagSpec.parse("bad")));
            assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("spfs check"), e.getMessage());
            CheckReport r = new Checker(fresh, Optional.empty(), 2).check(List.of());
            assertEquals(1, r.problems().size(), r.problems().toString());
            assertEquals(CheckReport.Kind.CORRUPT_TAG, r.problems().get(0).kind());
            assertEquals(1, r.tagsChecked(), "the good tag is still checked");
        }
    }

    @Test
    void aRepositoryOfAnotherMajorVersionIsRefused() {
        String address = proxy.freshRepository("studio/spfs");
        try (S3Repository s3 = TestRepositories.open(proxy.server(), address)) {
            s3.store().write(S3Layout.VERSION, "1.0.0\n".getBytes(StandardCharsets.US_ASCII), false);
        }
        SpfsException e = assertThrows(SpfsException.class, () -> TestRepositories.open(proxy.server(), address));
        assertTrue(e.getMessage().contains("format version 1.0.0"), e.getMessage());
    }

    @Test
    void theFirstWriteSessionMarksTheRepositoryWithItsVersion() {
        try (S3Repository s3 = TestRepositories.open(proxy.server(), proxy.freshRepository("studio/spfs"))) {
            assertTrue(s3.store().read(S3Layout.VERSION).isEmpty());
            try (WriteSession w = s3.beginWrite()) {
                w.writeObject(new Platform(List.of()));
            }
            assertEquals(FsRepository.FORMAT_VERSION + "\n", new String(s3.store().read(S3Layout.VERSION).orElseThrow(),
                    StandardCharsets.US_ASCII));
        }
    }

    @Test
    void failuresNameTheStoreInOneLine() throws Exception {
        String address = proxy.freshRepository("studio/spfs");
        Map<String, String> wrongKey = Map.of("access_key_id", S3ProxyServer.IDENTITY, "secret_access_key", "wrong");
        SpfsException denied = assertThrows(SpfsException.class,
                () -> TestRepositories.open(proxy.server(), address, wrongKey, Leases.Timing.DEFAULT));
        assertEquals(1, denied.getMessage().lines().count(), denied.getMessage());
        assertTrue(denied.getMessage().contains("access denied") && denied.getMessage().contains(address), denied.getMessage());

        SpfsException noBucket = assertThrows(SpfsException.class, () -> TestRepositories.open(proxy.server(), "s3://no-such-bucket/x"));
        assertTrue(noBucket.getMessage().contains("bucket 'no-such-bucket' does not exist"), noBucket.getMessage());
        assertEquals(spk.error.SpkException.Kind.UNSATISFIABLE, noBucket.kind());

        int closed;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = ss.getLocalPort();
        }
        Map<String, String> nowhere = Map.of("endpoint", "http://127.0.0.1:" + closed);
        SpfsException unreachable = assertThrows(SpfsException.class,
                () -> TestRepositories.open(proxy.server(), address, nowhere, Leases.Timing.DEFAULT));
        assertEquals(1, unreachable.getMessage().lines().count(), unreachable.getMessage());
        assertTrue(unreachable.getMessage().contains("127.0.0.1:" + closed), unreachable.getMessage());
        assertEquals(spk.error.SpkException.Kind.ENVIRONMENT, unreachable.kind());
    }

    @Test
    void addressesAndSettingsAreCheckedBeforeAnythingIsSent() {
        assertThrows(SpfsException.class, () -> S3Location.parse("s3://UPPER/x"));
        assertThrows(SpfsException.class, () -> S3Location.parse("s3://bucket/a/../b"));
        assertThrows(SpfsException.class, () -> S3Location.parse("s3://bucket//b"));
        assertEquals(new S3Location("bucket", "a/b"), S3Location.parse("s3://bucket/a/b/"));
        assertEquals(new S3Location("bucket", ""), S3Location.parse("s3://bucket"));
        assertThrows(SpfsException.class, () -> S3Settings.from(Map.of("endpoint", "ftp://x"), Map.of()));
        assertThrows(SpfsException.class, () -> S3Settings.from(Map.of("access_key_id", "only-half"), Map.of()));
        S3Settings env = S3Settings.from(Map.of(), Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_REGION", "eu-west-3",
                "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "s3cr3t-value"));
        assertEquals("eu-west-3", env.region());
        assertTrue(env.pathStyle(), "path style by default on a store of one's own");
        assertEquals("id", env.keys().orElseThrow().accessKeyId());
        S3Settings own = S3Settings.from(Map.of("endpoint", "https://store.example:9000", "path_style", "false", "region", "x"),
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_REGION", "eu-west-3"));
        assertEquals("https://store.example:9000", own.endpoint().orElseThrow().toString(), "the remote's own settings win");
        assertFalse(own.pathStyle());
        assertEquals("x", own.region());
        S3Settings aws = S3Settings.from(Map.of(), Map.of());
        assertTrue(aws.endpoint().isEmpty());
        assertFalse(aws.pathStyle(), "virtual-hosted buckets on AWS itself");
        assertFalse(env.toString().contains("s3cr3t-value"), "secrets stay out of messages");
    }

    @Test
    void repositoryKindIsFoundByItsScheme() {
        spfs.config.Config config = spfs.config.ConfigLoader.load(Map.of("HOME", tmp.toString(), "SPFS_STORAGE_ROOT",
                tmp.resolve("local").toString(), "AWS_ENDPOINT_URL", proxy.server().endpoint().toString(), "AWS_ACCESS_KEY_ID",
                S3ProxyServer.IDENTITY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL, "SPFS_REMOTE_origin_ADDRESS",
                proxy.freshRepository("studio/spfs"), "XDG_CONFIG_HOME", tmp.resolve("none").toString()));
        try (Repository r = new spfs.storage.Repositories(config).open("origin")) {
            assertTrue(r instanceof S3Repository, r.getClass().getName());
            assertTrue(r.address().startsWith("s3://bucket-"), r.address());
        }
        SpfsException typo = assertThrows(SpfsException.class, () -> new spfs.storage.Repositories(config)
                .open(proxy.freshRepository("studio/spfs") + "?endpont=http://x"));
        assertTrue(typo.getMessage().contains("unknown setting [endpont]"), typo.getMessage());
    }
}
