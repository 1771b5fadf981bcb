package spfs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.AmbiguousReferenceException;
import spfs.error.CorruptObjectException;
import spfs.error.UnknownReferenceException;
import spfs.graph.Blob;
import spfs.graph.Platform;
import spfs.storage.fs.FsRepository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

class FsRepositoryTest {
    @TempDir
    Path tmp;

    FsRepository repo() {
        return FsRepository.create(tmp.resolve("repo"), Optional.empty());
    }

    @Test
    void createMakesTheSpfsLayout() {
        FsRepository r = repo();
        for (String d : List.of("objects", "payloads", "tags", "durable_edits", "renders/" + FsRepository.currentUser() + "/proxy")) {
            assertTrue(Files.isDirectory(r.root().resolve(d)), d);
        }
        assertEquals("0.44.0", read(r.root().resolve("VERSION")));
    }

    @Test
    void payloadsLandAtTheirDigestPath() throws Exception {
        FsRepository r = repo();
        var w = r.writePayload(new ByteArrayInputStream("hello world\n".getBytes(StandardCharsets.UTF_8)), -1);
        assertTrue(w.created());
        Path p = r.root().resolve("payloads/VF/EJATZPB5DZXD4BS5UUWMAYJMGS5UOBZUVB5QH3QXJJTIMSURDQ====");
        assertTrue(Files.isRegularFile(p));
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        assertFalse(r.writePayload(new ByteArrayInputStream("hello world\n".getBytes(StandardCharsets.UTF_8)), -1).created());
        try (Stream<Path> all = Files.walk(r.root().resolve("payloads"))) {
            assertEquals(List.of(p), all.filter(Files::isRegularFile).toList(), "no temp files stay behind");
        }
        var exec = r.writePayload(new ByteArrayInputStream(new byte[] {1}), 0100750);
        assertEquals("rwxr-xr--", PosixFilePermissions.toString(Files.getPosixFilePermissions(r.payloadPath(exec.digest()))));
    }

    @Test
    void objectsRoundTripAndPartialDigestsResolve() throws Exception {
        FsRepository r = repo();
        Digest d = r.writeObject(new Platform(List.of(Digest.ofUtf8("x"))));
        assertEquals(new Platform(List.of(Digest.ofUtf8("x"))), r.readObject(d));
        assertEquals(d, Refs.resolveDigest(r, d.toString().substring(0, 8)));
        try (Stream<Digest> all = r.objectDigests()) {
            assertEquals(List.of(d), all.toList());
        }
        assertThrows(UnknownReferenceException.class, () -> Refs.resolveDigest(r, "AAAAAAAA"));
    }

    @Test
    void ambiguousPartialDigestsAreReported() {
        FsRepository r = repo();
        // write blobs until two share a first character pair (pigeonhole: 1024 fan-outs)
        java.util.Map<String, Digest> seen = new java.util.HashMap<>();
        String shared = null;
        for (int i = 0; shared == null; i++) {
            Digest d = r.writeObject(new Blob(Digest.ofUtf8("p" + i), i));
            String two = d.toString().substring(0, 2);
            if (seen.putIfAbsent(two, d) != null) {
                shared = two;
            }
        }
        String prefix = shared;
        assertThrows(AmbiguousReferenceException.class, () -> Refs.resolveDigest(r, prefix));
        assertEquals(2, r.findObjects(PartialDigest.parse(prefix)).size());
    }

    @Test
    void aCorruptObjectFileIsAClearError() throws Exception {
        FsRepository r = repo();
        Digest d = r.writeObject(new Platform(List.of()));
        Path p = r.objectPath(d);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.write(p, "--SPFS--\ngarbage".getBytes(StandardCharsets.US_ASCII));
        CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> r.readObject(d));
        assertTrue(e.getMessage().contains(d.toString()), e.getMessage());
    }

    @Test
    void tagsPushVersionsAndSkipUnchangedTargets() {
        FsRepository r = repo();
        TagSpec spec = TagSpec.parse("org/team/main");
        Tag first = r.pushTag(spec, Digest.ofUtf8("1"), "me@here");
        assertEquals(Digest.NULL, first.parent());
        assertEquals(first, r.pushTag(spec, Digest.ofUtf8("1"), "me@here"), "same target: no new version");
        Tag second = r.pushTag(spec, Digest.ofUtf8("2"), "me@here");
        assertEquals(first.digest(), second.parent());
        assertEquals(List.of(second, first), r.readTagStream(spec));
        assertEquals(first, r.resolveTag(TagSpec.parse("org/team/main~1")));
        assertThrows(UnknownReferenceException.class, () -> r.resolveTag(TagSpec.parse("org/team/main~2")));
        assertTrue(Files.isRegularFile(r.root().resolve("tags/org/team/main.tag")));
        assertEquals(List.of(new TagDatabase.TagListing("team/", true)), r.lsTags("org"));
        r.removeTag(second);
        assertEquals(List.of(first), r.readTagStream(spec));
        r.removeTagStream(spec);
        assertFalse(Files.exists(r.root().resolve("tags/org")), "empty folders go with the stream");
    }

    @Test
    void namespacesKeepTagsApart() {
        FsRepository r = repo();
        FsRepository ns = r.withNamespace(Optional.of("test"));
        ns.pushTag(TagSpec.parse("a"), Digest.ofUtf8("1"), "me@here");
        assertTrue(Files.isRegularFile(r.root().resolve("tags/test#ns/a.tag")));
        try (Stream<TagSpec> s = r.tagStreams()) {
            assertEquals(0, s.count());
        }
        assertEquals(List.of("test"), r.tagNamespaces());
    }

    @Test
    void aStaleLockOfADeadProcessIsBroken() throws Exception {
        FsRepository r = repo();
        Path lock = r.root().resolve("tags/x.tag.lock");
        Files.createDirectories(lock.getParent());
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Files.writeString(lock, p.pid() + "@" + java.net.InetAddress.getLocalHost().getHostName());
        r.pushTag(TagSpec.parse("x"), Digest.ofUtf8("1"), "me@here");
        assertFalse(Files.exists(lock));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
