package spfs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
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
        for (String d : List.of("objects", "payloads", "tags", "durable_edits", "renders")) {
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
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), "0666 less the umask 022");
        assertFalse(r.writePayload(new ByteArrayInputStream("hello world\n".getBytes(StandardCharsets.UTF_8)), -1).created());
        try (Stream<Path> all = Files.walk(r.root().resolve("payloads"))) {
            assertEquals(List.of(p), all.filter(Files::isRegularFile).toList(), "no temp files stay behind");
        }
        var exec = r.writePayload(new ByteArrayInputStream(new byte[] {1}), 0100750);
        assertEquals("rwxr-xr--", PosixFilePermissions.toString(Files.getPosixFilePermissions(r.payloadPath(exec.digest()))));
    }

    @Test
    void aCopyThatDoesNotHashToItsDigestIsRefusedAndLeavesNothing() throws Exception {
        FsRepository r = repo();
        Digest claimed = Digest.of("what it claims\n".getBytes(StandardCharsets.UTF_8));
        // one in memory, one streamed through a temp file in payloads/work (over 128 KiB)
        for (byte[] bytes : List.of("something else\n".getBytes(StandardCharsets.UTF_8), new byte[300_000])) {
            CorruptObjectException e = assertThrows(CorruptObjectException.class,
                    () -> r.writePayload(new ByteArrayInputStream(bytes), -1, claimed));
            assertTrue(e.getMessage().contains(Digest.of(bytes).toString()), e.getMessage());
            assertFalse(r.hasPayload(claimed));
            assertFalse(r.hasPayload(Digest.of(bytes)), "nothing is stored under its real digest either");
        }
        try (Stream<Path> all = Files.walk(r.root().resolve("payloads"))) {
            assertEquals(List.of(), all.filter(Files::isRegularFile).toList(), "no temp files stay behind");
        }
        byte[] right = new byte[300_000];
        right[7] = 1;
        assertEquals(Digest.of(right), r.writePayload(new ByteArrayInputStream(right), -1, Digest.of(right)).digest());
        assertTrue(r.hasPayload(Digest.of(right)));
    }

    @Test
    void aPayloadOpensWithItsSizeAndOnlyAsARegularFile() throws Exception {
        FsRepository r = repo();
        byte[] content = "sized content\n".getBytes(StandardCharsets.UTF_8);
        Digest d = r.writePayload(new ByteArrayInputStream(content), -1).digest();
        PayloadStorage.SizedPayload opened = r.openSizedPayload(d);
        try (InputStream in = opened.content()) {
            assertEquals(content.length, opened.size());
            assertEquals("sized content\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Digest missing = Digest.of("missing".getBytes(StandardCharsets.UTF_8));
        assertThrows(spfs.error.UnknownObjectException.class, () -> r.openSizedPayload(missing));
        Path p = r.payloadPath(d);
        Files.delete(p);
        Files.createSymbolicLink(p, tmp.resolve("elsewhere"));
        Files.writeString(tmp.resolve("elsewhere"), "not a payload");
        assertThrows(CorruptObjectException.class, () -> r.openSizedPayload(d), "never read through a link");
    }

    @Test
    void aDanglingLinkWhereAPayloadBelongsIsReplacedByTheNextWrite() throws Exception {
        FsRepository r = repo();
        byte[] content = "content\n".getBytes(StandardCharsets.UTF_8);
        Path p = r.payloadPath(Digest.of(content));
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, tmp.resolve("nowhere"));
        assertFalse(r.hasPayload(Digest.of(content)), "a link to nothing is no payload");
        assertTrue(r.writePayload(new ByteArrayInputStream(content), -1).created());
        assertTrue(Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        try (var in = r.openPayload(Digest.of(content))) {
            assertEquals("content\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
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

    /** A stored blob of {@code text}: tags may only point at what is stored. */
    static Digest stored(FsRepository r, String text) {
        var w = r.writePayload(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), -1);
        return r.writeObject(new spfs.graph.Blob(w.digest(), w.size(), spfs.graph.ObjectFormat.DEFAULT));
    }

    @Test
    void tagsPushVersionsAndSkipUnchangedTargets() {
        FsRepository r = repo();
        TagSpec spec = TagSpec.parse("org/team/main");
        Tag first = r.pushTag(spec, stored(r, "1"), "me@here");
        assertEquals(Digest.NULL, first.parent());
        assertEquals(first, r.pushTag(spec, stored(r, "1"), "me@here"), "same target: no new version");
        Tag second = r.pushTag(spec, stored(r, "2"), "me@here");
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
        ns.pushTag(TagSpec.parse("a"), stored(r, "1"), "me@here");
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
        Files.writeString(lock, p.pid() + "@" + spfs.config.HostName.current());
        r.pushTag(TagSpec.parse("x"), stored(r, "1"), "me@here");
        assertFalse(Files.exists(lock));
    }

    /**
     * spfs tag racing spfs clean: the tag write waits for clean's lock, then finds its target gone
     * and refuses, rather than writing a tag that points at nothing.
     */
    @Test
    void aTagWaitsForCleanAndNeverPointsAtWhatCleanRemoved() throws Exception {
        FsRepository r = repo();
        Digest target = stored(r, "doomed");
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Tag> tagging;
            try (var clean = r.cleanLock()) {
                tagging = other.submit(() -> r.pushTag(TagSpec.parse("late"), target, "me@here"));
                assertThrows(java.util.concurrent.TimeoutException.class,
                        () -> tagging.get(300, java.util.concurrent.TimeUnit.MILLISECONDS), "the tag waits for clean");
                assertTrue(r.removeObject(target) && r.removePayload(target));
            }
            var e = assertThrows(java.util.concurrent.ExecutionException.class, tagging::get);
            assertTrue(e.getCause() instanceof spfs.error.UnknownObjectException, e.getCause().toString());
            assertEquals(List.of(), r.readTagStream(TagSpec.parse("late")));
        } finally {
            other.shutdownNow();
        }
    }

    /** Private by default: nothing writable by others, objects read-only, payloads writable by none but their owner. */
    @Test
    void aNewRepositoryIsPrivateAndItsDataReadOnly() throws Exception {
        FsRepository r = repo();
        Digest blob = stored(r, "data");
        r.pushTag(TagSpec.parse("a/b"), blob, "me@here");
        var exec = r.writePayload(new ByteArrayInputStream(new byte[] {7}), 0100777);
        try (Stream<Path> all = Files.walk(r.root())) {
            for (Path p : all.toList()) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
                assertEquals('-', perms.charAt(7), p + " is writable by others: " + perms);
                assertEquals('-', perms.charAt(4), p + " is writable by the group: " + perms);
            }
        }
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(r.objectPath(blob))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(r.payloadPath(exec.digest()))),
                "a 0777 file's payload is no one else's to write");
        assertEquals(Optional.empty(), r.sharedGroup());
    }

    /** Shared with a group: setgid, group-writable directories; data still read-only to the group. */
    @Test
    void aSharedRepositoryLetsItsGroupAddButNotChange() throws Exception {
        FsRepository r = FsRepository.create(tmp.resolve("shared"), Optional.empty(), Optional.of("nogroup"));
        assertEquals(Optional.of("nogroup"), r.sharedGroup());
        Digest blob = stored(r, "data");
        r.pushTag(TagSpec.parse("a/b"), blob, "me@here");
        for (Path dir : List.of(r.root(), r.root().resolve("objects"), r.objectPath(blob).getParent(), r.root().resolve("tags/a"))) {
            int mode = (Integer) Files.getAttribute(dir, "unix:mode");
            assertEquals(02070, mode & 02070, dir + " is setgid and group rwx: " + Integer.toOctalString(mode));
            assertEquals("nogroup", Files.readAttributes(dir, java.nio.file.attribute.PosixFileAttributes.class).group().getName());
        }
        for (Path f : List.of(r.objectPath(blob), r.payloadPath(blob), r.root().resolve("tags/a/b.tag"))) {
            var a = Files.readAttributes(f, java.nio.file.attribute.PosixFileAttributes.class);
            assertEquals("nogroup", a.group().getName(), f.toString());
            assertTrue(a.permissions().contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ), f.toString());
            assertFalse(a.permissions().contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE), f.toString());
        }
        assertEquals(Optional.of("nogroup"), FsRepository.open(r.root(), Optional.empty()).sharedGroup(), "opening knows");
        // an existing private repository is converted
        FsRepository was = repo();
        Digest old = stored(was, "old");
        FsRepository.create(was.root(), Optional.empty(), Optional.of("nogroup"));
        assertEquals("nogroup", Files.readAttributes(was.objectPath(old), java.nio.file.attribute.PosixFileAttributes.class)
                .group().getName());
        assertThrows(spfs.error.SpfsException.class,
                () -> FsRepository.create(tmp.resolve("x"), Optional.empty(), Optional.of("no-such-group-here")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
