package spfs.storage.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import spfs.check.Checker;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.CorruptObjectException;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.error.UnknownReferenceException;
import spfs.graph.ObjectFormat;
import spfs.storage.Repositories;
import spfs.storage.Repository;
import spfs.storage.TagDatabase.TagListing;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.Syncer;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/** A grpc:// repository against our server: everything a folder repository does, over loopback. */
@Timeout(120)
class RpcRepositoryTest {
    @TempDir
    Path tmp;

    FsRepository served;
    SpfsServer server;
    Repository remote;
    FsRepository local;

    @BeforeEach
    void start() {
        served = FsRepository.create(tmp.resolve("served"), Optional.empty());
        server = SpfsServer.start(served, new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0),
                Optional.empty());
        remote = open("");
        local = FsRepository.create(tmp.resolve("local"), Optional.empty());
    }

    @AfterEach
    void stop() {
        remote.close();
        server.close();
    }

    Repository open(String query) {
        return new Repositories(ForeignPeersTest.config()).open(address() + query);
    }

    /** Threads of connections' own event loops now alive. */
    static java.util.Set<Thread> connectionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(RpcConnection.THREAD_NAME))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void closingARepositoryEndsTheThreadsOfItsConnection() {
        // the loop announced its end before its thread had ended; under load that showed, rarely
        for (int round = 0; round < 20; round++) {
            java.util.Set<Thread> before = connectionThreads();
            java.util.Set<Thread> during;
            try (Repository r = open("")) {
                r.hasObject(spfs.encoding.Digest.of("anything".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                during = connectionThreads();
                during.removeAll(before);
                assertFalse(during.isEmpty(), "the connection's calls run on its own event loop");
            }
            // a thread left waiting in a native call would hold the JVM's exit for 0.3 s
            during.retainAll(connectionThreads());
            assertEquals(java.util.Set.of(), during, "ended by close, not a second later (round " + round + ")");
        }
    }

    String address() {
        return "grpc://127.0.0.1:" + server.grpcAddress().getPort();
    }

    Digest commitTree(FsRepository into, String name) throws Exception {
        Path d = tmp.resolve("tree-" + name);
        Files.createDirectories(d.resolve("etc/deep"));
        Files.writeString(d.resolve("etc/config"), "a=" + name + "\n");
        Files.writeString(d.resolve("etc/deep/shared"), "the same in every tree\n");
        Files.write(d.resolve("big"), new byte[300_000]);
        Files.createSymbolicLink(d.resolve("link"), Path.of("etc/config"));
        return new DirectoryCommitter(into, ObjectFormat.DEFAULT, 2).commit(d).layer().digest();
    }

    @Test
    void pushAndPullThroughTheServerCopyEverythingIntact() throws Exception {
        Digest layer = commitTree(local, "a");
        Tag tag = local.pushTag(TagSpec.parse("test/layer"), layer, "me@here");
        try (Syncer push = new Syncer(local, remote, SyncPolicy.LATEST_TAGS, 4, SyncReporter.NONE)) {
            push.syncTag(tag);
        }
        assertEquals(tag, served.resolveTag(TagSpec.parse("test/layer")), "the very version, time and parent kept");
        assertEquals(0, new Checker(served, Optional.empty(), 2).check(List.of()).unresolved());

        FsRepository other = FsRepository.create(tmp.resolve("other"), Optional.empty());
        try (Syncer pull = new Syncer(remote, other, SyncPolicy.MISSING_DATA_ONLY, 4, SyncReporter.NONE)) {
            pull.syncRef("test/layer");
            assertEquals(4, pull.summary().payloadsSynced(), "config, shared, big and the link's target");
        }
        assertEquals(0, new Checker(other, Optional.empty(), 2).check(List.of()).unresolved());
        assertEquals(layer, other.resolveTag(TagSpec.parse("test/layer")).target());
    }

    @Test
    void objectsPayloadsAndListingsAnswerAsTheServedRepository() throws Exception {
        Digest layer = commitTree(served, "b");
        assertTrue(remote.hasObject(layer));
        assertEquals(served.readObject(layer), remote.readObject(layer));
        assertThrows(UnknownObjectException.class, () -> remote.readObject(Golden.D1));
        List<Digest> objects;
        try (Stream<Digest> s = served.objectDigests()) {
            objects = s.sorted().toList();
        }
        try (Stream<Digest> s = remote.objectDigests()) {
            assertEquals(objects, s.sorted().toList());
        }
        String text = layer.toString();
        assertEquals(List.of(layer), remote.findObjects(PartialDigest.parse(text.substring(0, 10))));
        assertEquals(served.findObjects(PartialDigest.parse(text.substring(0, 2))),
                remote.findObjects(PartialDigest.parse(text.substring(0, 2))));

        byte[] bytes = "some bytes\n".getBytes(StandardCharsets.UTF_8);
        var w = remote.writePayload(new ByteArrayInputStream(bytes), -1);
        assertEquals(Digest.of(bytes), w.digest());
        assertEquals(bytes.length, w.size());
        assertTrue(served.hasPayload(w.digest()));
        try (InputStream in = remote.openPayload(w.digest())) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertEquals(bytes.length, remote.payloadSize(w.digest()));
        try (Stream<Digest> s = remote.payloadDigests()) {
            assertTrue(s.anyMatch(w.digest()::equals));
        }
        assertThrows(UnknownObjectException.class, () -> remote.openPayload(Golden.D1));
        assertTrue(remote.removePayload(w.digest()));
        assertFalse(served.hasPayload(w.digest()));
    }

    @Test
    void tagsAndTheirNamespaces() throws Exception {
        Digest layer = commitTree(served, "c");
        Tag first = remote.pushTag(TagSpec.parse("spi/tools/main"), layer, "me@here");
        Digest other = commitTree(served, "d");
        Tag second = remote.pushTag(TagSpec.parse("spi/tools/main"), other, "me@here");
        assertEquals(second, remote.pushTag(TagSpec.parse("spi/tools/main"), other, "me@here"), "already the head");
        assertEquals(List.of(second, first), served.readTagStream(TagSpec.parse("spi/tools/main")));
        assertEquals(first.digest(), second.parent());
        assertEquals(first, remote.resolveTag(TagSpec.parse("spi/tools/main~1")));
        assertEquals(List.of(), remote.readTagStream(TagSpec.parse("spi/none")));
        assertThrows(UnknownReferenceException.class, () -> remote.resolveTag(TagSpec.parse("spi/none")));
        assertEquals(List.of(new TagListing("spi/", true)), remote.lsTags(""));
        assertEquals(List.of(new TagListing("main", false)), remote.lsTags("spi/tools"));
        assertEquals(List.of(TagSpec.parse("spi/tools/main~1")), remote.findTags(layer));
        try (Stream<TagSpec> s = remote.tagStreams()) {
            assertEquals(List.of(TagSpec.parse("spi/tools/main")), s.toList());
        }

        try (Repository ns = open("?tag_namespace=team")) {
            assertEquals(List.of(), ns.lsTags(""));
            ns.pushTag(TagSpec.parse("mine"), layer, "me@here");
            assertEquals(layer, served.withNamespace(Optional.of("team")).resolveTag(TagSpec.parse("mine")).target());
            assertThrows(UnknownReferenceException.class, () -> remote.resolveTag(TagSpec.parse("mine")));
        }

        remote.removeTag(first);
        assertEquals(List.of(second), served.readTagStream(TagSpec.parse("spi/tools/main")));
        remote.removeTagStream(TagSpec.parse("spi/tools/main"));
        assertEquals(List.of(), served.readTagStream(TagSpec.parse("spi/tools/main")));
    }

    @Test
    void aTagIsOnlyWrittenWhenItsTargetIsStored() {
        assertThrows(UnknownObjectException.class, () -> remote.pushTag(TagSpec.parse("dangling"), Golden.D1, "me"));
        assertEquals(List.of(), served.readTagStream(TagSpec.parse("dangling")));
    }

    @Test
    void aPinnedAddressShowsTheTagsOfItsTime() throws Exception {
        Digest layer = commitTree(served, "e");
        java.time.Instant now = java.time.Instant.now();
        Tag old = new Tag(Optional.empty(), "t", layer, Digest.NULL, "me", now.minus(java.time.Duration.ofDays(2)));
        served.insertTag(old);
        Tag later = new Tag(Optional.empty(), "t", commitTree(served, "f"), old.digest(), "me", now);
        served.insertTag(later);
        try (Repository pinned = open("?when=~1d")) {
            assertEquals(old, pinned.resolveTag(TagSpec.parse("t")));
            assertEquals(List.of(old), pinned.readTagStream(TagSpec.parse("t")));
            SpfsException e = assertThrows(SpfsException.class, () -> pinned.pushTag(TagSpec.parse("t"), layer, "me"));
            assertTrue(e.getMessage().contains("as it was at ~1d"), e.getMessage());
        }
        assertEquals(later, remote.resolveTag(TagSpec.parse("t")));
    }

    @Test
    void wrongBytesAreRefusedBeforeTheyAreStored() {
        byte[] bytes = "what was sent\n".getBytes(StandardCharsets.UTF_8);
        CorruptObjectException e = assertThrows(CorruptObjectException.class,
                () -> remote.writePayload(new ByteArrayInputStream(bytes), -1, Golden.D1));
        assertTrue(e.getMessage().contains(Golden.D1.toString()), e.getMessage());
        assertFalse(served.hasPayload(Digest.of(bytes)), "not kept under its own digest either");
        assertFalse(served.hasPayload(Golden.D1));
    }

    @Test
    void aCorruptPayloadOnTheServerIsNotCopied() throws Exception {
        byte[] bytes = "original\n".getBytes(StandardCharsets.UTF_8);
        Digest d = served.writePayload(new ByteArrayInputStream(bytes), -1).digest();
        Path file = served.payloadPath(d);
        file.toFile().setWritable(true);
        Files.writeString(file, "tampered\n");
        SpfsException e = assertThrows(SpfsException.class, () -> {
            try (Syncer s = new Syncer(remote, local, SyncPolicy.MISSING_DATA_ONLY, 1, SyncReporter.NONE)) {
                s.syncDigest(d);
            }
        });
        assertTrue(e.getMessage().contains("is corrupt"), e.getMessage());
        assertFalse(local.hasPayload(d));
    }

    @Test
    void payloadsCanBeAskedForCompressed() throws Exception {
        byte[] bytes = new byte[100_000];
        Digest d = served.writePayload(new ByteArrayInputStream(bytes), -1).digest();
        try (Repository bz = open("?compress=bzip2"); InputStream in = bz.openPayload(d)) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void aServerThatIsGoneIsOneLineNamingIt() {
        String address = address();
        server.close();
        SpfsException e = assertThrows(SpfsException.class, () -> remote.hasObject(Golden.D1));
        assertTrue(e.getMessage().startsWith(address + ": cannot reach the server"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        Repositories repos = new Repositories(ForeignPeersTest.config());
        SpfsException opening = assertThrows(SpfsException.class, () -> repos.open(address));
        assertEquals(spk.error.SpkException.Kind.ENVIRONMENT, opening.kind());
        try (Repository lazy = repos.open(address + "?lazy=true")) {
            assertEquals(address, lazy.address(), "a lazy address opens without the server, named without its options");
        }
    }

    @Test
    void badAddressesAreBadInput() {
        for (String a : List.of("grpc://", "grpc://h:1?timeout_ms=soon", "grpc://h:1?compress=zip", "nosuch://x")) {
            SpfsException e = assertThrows(SpfsException.class, () -> new Repositories(ForeignPeersTest.config()).open(a));
            assertEquals(spk.error.SpkException.Kind.BAD_INPUT, e.kind(), a + ": " + e.getMessage());
        }
    }
}
