package spfs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.config.ConfigLoader;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.graph.Blob;
import spfs.graph.ObjectFormat;
import spfs.storage.TagDatabase.TagListing;
import spfs.storage.fs.FsRepository;
import spfs.storage.pinned.PinnedRepository;
import spfs.storage.proxy.FallbackRepository;
import spfs.storage.proxy.ProxyRepository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spk.error.SpkException;

/** Addresses of every kind the core opens: proxy:, fallback:, pinned views, and config remotes. */
class RepositoriesTest {
    @TempDir
    Path tmp;

    FsRepository a;
    FsRepository b;
    Map<String, String> env;

    @BeforeEach
    void setUp() {
        a = FsRepository.create(tmp.resolve("a"), Optional.empty());
        b = FsRepository.create(tmp.resolve("b"), Optional.empty());
        env = new HashMap<>(Map.of("HOME", tmp.toString(), "XDG_CONFIG_HOME", tmp.resolve("config").toString(),
                "SPFS_STORAGE__ROOT", tmp.resolve("local").toString()));
    }

    Repositories repositories() {
        return new Repositories(ConfigLoader.load(env));
    }

    Digest blob(Repository r, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        var w = r.writePayload(new ByteArrayInputStream(bytes), -1);
        r.writeObject(new Blob(w.digest(), w.size(), ObjectFormat.DEFAULT));
        return w.digest();
    }

    static String read(Repository r, Digest d) throws Exception {
        try (InputStream in = r.openPayload(d)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void addressesAreTakenApartAsSpfsWritesThem() {
        RepositoryAddress p = RepositoryAddress.parse("proxy:?primary=origin&secondary[0]=file%3A%2Fx&secondary%5B1%5D=y"
                + "&include_secondary_tags=false");
        assertEquals("proxy", p.scheme());
        assertEquals(Optional.of("origin"), p.param("primary"));
        assertEquals(List.of("file:/x", "y"), p.params("secondary"));
        assertFalse(p.flag("include_secondary_tags", true));
        assertEquals("/a/b", RepositoryAddress.parse("file:///a/b?create=true").path());
        assertEquals("/a/b", RepositoryAddress.parse("/a/b").path());
        assertEquals("file", RepositoryAddress.parse("relative/dir").scheme());
        assertEquals("grpc", RepositoryAddress.parse("GRPC://h:1").scheme());
        assertThrows(SpfsException.class, () -> p.flag("primary", true), "not a yes/no value");
    }

    @Test
    void aProxyReadsThroughToItsSecondariesAndWritesToItsPrimary() throws Exception {
        Digest onlyB = blob(b, "only in b\n");
        b.pushTag(TagSpec.parse("team/b-tag"), onlyB, "me");
        Digest onlyA = blob(a, "only in a\n");
        a.pushTag(TagSpec.parse("team/a-tag"), onlyA, "me");
        try (Repository proxy = repositories().open("proxy:?primary=" + a.root() + "&secondary[0]=" + b.root())) {
            assertInstanceOf(ProxyRepository.class, proxy);
            assertEquals("only in b\n", read(proxy, onlyB));
            assertTrue(proxy.hasObject(onlyB) && proxy.hasObject(onlyA));
            assertEquals(onlyB, proxy.resolveTag(TagSpec.parse("team/b-tag")).target());
            assertEquals(List.of(new TagListing("a-tag", false), new TagListing("b-tag", false)), proxy.lsTags("team"));
            assertFalse(a.hasPayload(onlyB), "nothing read through is copied");
            Digest written = blob(proxy, "written through the proxy\n");
            assertTrue(a.hasPayload(written) && !b.hasPayload(written), "writes go to the primary only");
            try (WriteSession s = proxy.beginWrite()) {
                s.pushTag(TagSpec.parse("team/session"), written, "me");
                // the primary's rule holds: a tag's target must be stored in it, not just readable
                assertThrows(UnknownObjectException.class, () -> s.pushTag(TagSpec.parse("team/other"), onlyB, "me"));
            }
            assertEquals(written, a.resolveTag(TagSpec.parse("team/session")).target());
        }
        try (Repository own = repositories().open("proxy:?primary=" + a.root() + "&secondary[0]=" + b.root()
                + "&include_secondary_tags=false")) {
            assertEquals(List.of(), own.readTagStream(TagSpec.parse("team/b-tag")));
            assertEquals("only in b\n", read(own, onlyB), "objects and payloads still read through");
        }
    }

    @Test
    void aFallbackRepairsItsPrimaryFromItsSecondaries() throws Exception {
        Digest onlyB = blob(b, "repair me\n");
        try (Repository fallback = repositories().open("fallback:?primary=" + a.root() + "&secondary[0]=" + b.root())) {
            assertInstanceOf(FallbackRepository.class, fallback);
            assertEquals("repair me\n", read(fallback, onlyB));
            assertTrue(a.hasPayload(onlyB) && a.hasObject(onlyB), "the payload and its blob were copied into the primary");
            assertThrows(UnknownObjectException.class, () -> fallback.openPayload(Digest.of(new byte[] {1})));
        }
        SpfsException notLocal = assertThrows(SpfsException.class,
                () -> repositories().open("fallback:?primary=proxy%3A%3Fprimary%3D" + a.root() + "&secondary[0]=" + b.root()));
        assertTrue(notLocal.getMessage().contains("must be a repository on this file system"), notLocal.getMessage());
    }

    @Test
    void aPinnedViewShowsTagsAsTheyWereAndRefusesToChangeThem() throws Exception {
        Digest first = blob(a, "first\n");
        Digest second = blob(a, "second\n");
        Instant now = Instant.now();
        Tag old = new Tag(Optional.empty(), "t", first, Digest.NULL, "me", now.minus(Duration.ofDays(3)));
        a.insertTag(old);
        Tag mid = new Tag(Optional.empty(), "t", second, old.digest(), "me", now.minus(Duration.ofDays(1)));
        a.insertTag(mid);
        a.insertTag(new Tag(Optional.empty(), "new", second, Digest.NULL, "me", now));
        try (Repository pinned = repositories().open(a.root() + "?when=~2d")) {
            assertInstanceOf(PinnedRepository.class, pinned);
            assertEquals(old, pinned.resolveTag(TagSpec.parse("t")), "~0 is the version current then");
            assertThrows(SpfsException.class, () -> pinned.resolveTag(TagSpec.parse("t~1")));
            assertThrows(SpfsException.class, () -> pinned.resolveTag(TagSpec.parse("new")), "made later");
            assertEquals(List.of(new TagListing("t", false)), pinned.lsTags(""));
            assertEquals(List.of(TagSpec.parse("t")), pinned.tagStreams().toList());
            assertEquals("first\n", read(pinned, first));
            SpkException e = assertThrows(SpkException.class, () -> pinned.pushTag(TagSpec.parse("t"), second, "me"));
            assertEquals(SpkException.Kind.BAD_INPUT, e.kind());
            assertThrows(SpkException.class, () -> pinned.removePayload(first));
            Digest fresh = blob(pinned, "objects may be written\n");
            assertTrue(a.hasPayload(fresh));
        }
        assertEquals(mid, a.resolveTag(TagSpec.parse("t")), "the repository itself is unchanged");
    }

    @Test
    void configuredRemotesOfEveryKind() throws Exception {
        Digest onlyB = blob(b, "through the configured proxy\n");
        Files.createDirectories(tmp.resolve("config/spfs"));
        Files.writeString(tmp.resolve("config/spfs/spfs.toml"), """
                [remote.bee]
                address = "file:%s"

                [remote.both]
                scheme = "proxy"
                primary = "%s"
                secondary = ["bee"]

                [remote.then]
                address = "file:%s"
                when = "~1d"
                """.formatted(b.root(), a.root(), a.root()));
        env.put("SPFS_REMOTE_past_ADDRESS", "file:" + a.root());
        env.put("SPFS_REMOTE_past_WHEN", "@2000-01-01");
        a.pushTag(TagSpec.parse("now"), blob(a, "x\n"), "me");
        Repositories r = repositories();
        try (Repository both = r.open("both")) {
            assertEquals("through the configured proxy\n", read(both, onlyB));
        }
        try (Repository then = r.open("then"); Repository past = r.open("past")) {
            assertEquals(List.of(), then.readTagStream(TagSpec.parse("now")));
            assertEquals(List.of(), past.readTagStream(TagSpec.parse("now")));
        }
    }

    @Test
    void badAddressesAreOneLineOfBadInput() {
        for (String address : List.of("proxy:?secondary[0]=x", "nosuch://host/x", "proxy:?primary=" + a.root() + "&include_secondary_tags=maybe",
                a.root() + "?when=yesterday")) {
            SpfsException e = assertThrows(SpfsException.class, () -> repositories().open(address));
            assertEquals(SpkException.Kind.BAD_INPUT, e.kind(), address + ": " + e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
        SpfsException scheme = assertThrows(SpfsException.class, () -> repositories().open("nosuch://host/x"));
        assertTrue(scheme.getMessage().contains("no repository kind for 'nosuch:'"), scheme.getMessage());
    }
}
