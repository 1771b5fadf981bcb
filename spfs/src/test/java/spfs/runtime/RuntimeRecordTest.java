package spfs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.graph.ObjectFormat;
import spfs.mount.MountBackend;
import spfs.mount.OverlayOptions;
import spfs.storage.fs.FsRepository;
import spfs.tag.TagSpec;

/** Runtime records, their storage as tags, env specs and overlay options: no privileges needed. */
class RuntimeRecordTest {
    @TempDir
    Path tmp;

    RuntimeStorage storage() {
        return new RuntimeStorage(FsRepository.create(tmp.resolve("repo"), Optional.of("ns")), ObjectFormat.DEFAULT, "t@h");
    }

    @Test
    void recordsUseSpfsFieldNamesAndStackTopFirst() throws Exception {
        Digest a = Digest.ofUtf8("a");
        Digest b = Digest.ofUtf8("b");
        RuntimeData rt = storage().create(Optional.of("rt1"), false, MountBackend.RENDERS, Optional.of("1G"));
        rt = rt.withStatus(rt.status().push(a).push(b).withOwner(Optional.of(42L)).withCommand(List.of("ls", "-l")));
        JsonNode json = new ObjectMapper().readTree(RuntimeCodec.encode(rt));
        assertEquals("rt1", json.path("name").asText());
        assertEquals(b.toString(), json.path("status").path("stack").get(0).asText(), "top first");
        assertEquals(42, json.path("status").path("owner").asLong());
        assertTrue(json.path("status").path("monitor").isNull());
        assertFalse(json.path("status").has("flattened_layers"), "omitted when empty");
        assertFalse(json.path("config").has("mount_backend"), "omitted for the default backend");
        assertEquals("/tmp/spfs-runtime/upper", json.path("config").path("upper_dir").asText());
        assertEquals("1G", json.path("config").path("tmpfs_size").asText());
        assertTrue(json.path("author").has("user_name") && json.path("author").has("created"));
        assertEquals(rt, RuntimeCodec.decode(RuntimeCodec.encode(rt)), "round trip");
        RuntimeData fuse = rt.withConfig(rt.config().withLiveLayers(List.of(new LiveLayer(LiveLayer.API,
                List.of(new BindMount(Path.of("/src"), "/spfs/dest"))))));
        fuse = new RuntimeData(fuse.name(), fuse.author(), fuse.status().withFlattened(Set.of(a)),
                new RuntimeConfig(fuse.config().runtimeDir(), Optional.empty(), fuse.config().upperDir(), fuse.config().lowerDir(),
                        fuse.config().workDir(), fuse.config().shStartupFile(), fuse.config().cshStartupFile(),
                        Optional.of("mnt:[1]"), MountBackend.FUSE_ONLY, List.of("file:/x"), true, true, fuse.config().liveLayers()));
        assertEquals(fuse, RuntimeCodec.decode(RuntimeCodec.encode(fuse)));
        assertEquals("FuseOnly", new ObjectMapper().readTree(RuntimeCodec.encode(fuse)).path("config").path("mount_backend").asText());
    }

    @Test
    void storageKeepsRecordsAsTagsOutsideNamespaces() {
        RuntimeStorage s = storage();
        RuntimeData rt = s.create(Optional.of("one"), false, MountBackend.RENDERS, Optional.empty());
        s.put(rt);
        assertEquals(List.of("one"), s.names());
        assertEquals(rt, s.read("one"));
        FsRepository plain = FsRepository.open(tmp.resolve("repo"), Optional.empty());
        assertFalse(plain.readTagStream(TagSpec.parse("spfs/runtimes/meta/one")).isEmpty(), "not in the namespace");
        assertFalse(plain.readTagStream(TagSpec.parse("spfs/runtimes/data/one")).isEmpty());
        assertThrows(SpfsException.class, () -> s.create(Optional.of("one"), false, MountBackend.RENDERS, Optional.empty()));
        assertThrows(SpfsException.class, () -> s.create(Optional.of("../x"), false, MountBackend.RENDERS, Optional.empty()));
        RuntimeData durable = s.create(Optional.of("kept"), true, MountBackend.RENDERS, Optional.empty());
        assertEquals(tmp.resolve("repo/durable_edits/kept/upper").toAbsolutePath(), durable.config().upperDir());
        s.remove("one");
        assertTrue(s.names().isEmpty());
        assertThrows(UnknownRuntimeException.class, () -> s.read("one"));
    }

    /**
     * The monitor recording its pid while a command inside commits a layer: the commit's update
     * cannot land between the monitor's read and its write (it waits for the lock), so neither
     * change is lost. The monitor's change holds the lock until the commit has had every chance
     * to run; without the lock the commit would finish in that window and then be overwritten.
     */
    @Test
    void aCommitRacingTheMonitorKeepsItsLayer() throws Exception {
        RuntimeStorage s = storage();
        RuntimeData rt = s.create(Optional.of("busy"), false, MountBackend.RENDERS, Optional.empty());
        s.put(rt.withStatus(rt.status().push(Digest.ofUtf8("base"))));
        Digest layer = Digest.ofUtf8("committed");
        CountDownLatch monitorHasRead = new CountDownLatch(1);
        CountDownLatch commitDone = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<RuntimeData> monitor = pool.submit(() -> s.update("busy", cur -> {
                monitorHasRead.countDown();
                try {
                    assertFalse(commitDone.await(300, TimeUnit.MILLISECONDS), "the commit waited for the monitor's write");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return cur.withStatus(cur.status().withMonitor(Optional.of(7L)));
            }));
            assertTrue(monitorHasRead.await(30, TimeUnit.SECONDS));
            Future<RuntimeData> commit = pool.submit(() -> {
                RuntimeData r = s.update("busy", cur -> cur.withStatus(cur.status().push(layer).withEditable(false)));
                commitDone.countDown();
                return r;
            });
            monitor.get(30, TimeUnit.SECONDS);
            commit.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        RuntimeData stored = s.read("busy");
        assertEquals(List.of(Digest.ofUtf8("base"), layer), stored.status().stack(), "the committed layer stays");
        assertEquals(Optional.of(7L), stored.status().monitor(), "and so does the monitor's pid");
    }

    /** A runtime made durable from inside is kept when its monitor releases it, not removed. */
    @Test
    void releaseDecidesOnTheRecordAsStoredNow() {
        RuntimeStorage s = storage();
        RuntimeData rt = s.create(Optional.of("kept"), false, MountBackend.RENDERS, Optional.empty());
        s.put(rt.withStatus(rt.status().withOwner(Optional.of(5L)).withMonitor(Optional.of(6L)).withRunning(true)));
        s.update("kept", cur -> cur.withConfig(cur.config().withDurable(true)));
        s.release("kept", cur -> cur.status().owner().equals(Optional.of(4L)));
        assertEquals(Optional.of(5L), s.read("kept").status().owner(), "another owner's record is left alone");
        s.release("kept", cur -> cur.status().owner().equals(Optional.of(5L)));
        RuntimeData after = s.read("kept");
        assertTrue(after.config().durable());
        assertTrue(after.status().owner().isEmpty() && after.status().monitor().isEmpty() && !after.status().running(),
                after.toString());
        s.put(s.create(Optional.of("gone"), false, MountBackend.RENDERS, Optional.empty()));
        s.release("gone", cur -> true);
        assertFalse(s.exists("gone"));
        s.release("gone", cur -> true);
        assertThrows(UnknownRuntimeException.class, () -> s.update("gone", cur -> cur));
    }

    @Test
    void envSpecsJoinRefsAndReadSpecFiles() throws Exception {
        assertEquals(List.of("a", "b/c", "ABCDEFGH"), EnvSpec.parse("a+b/c+ABCDEFGH").refs());
        assertTrue(EnvSpec.parse("-").isEmpty());
        assertTrue(EnvSpec.parse("").isEmpty());
        Path dir = tmp.resolve("live");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("layer.spfs.yaml"), "contents:\n  - src: data\n    dest: /spfs/here\n");
        Path run = tmp.resolve("env.spfs.yaml");
        Files.writeString(run, "api: spfs/v0/runspec\nlayers: [base, " + dir + "]\n");
        EnvSpec s = EnvSpec.parse("first+" + run);
        assertEquals(List.of("first", "base"), s.refs());
        assertEquals(dir.resolve("data").toRealPath(), s.liveLayers().get(0).contents().get(0).src());
        assertEquals("here", s.liveLayers().get(0).contents().get(0).relativeDest());
        Files.writeString(dir.resolve("escape.spfs.yaml"), "contents:\n  - bind: ..\n    dest: x\n");
        SpfsException e = assertThrows(SpfsException.class, () -> EnvSpec.parse(dir.resolve("escape.spfs.yaml").toString()));
        assertTrue(e.getMessage().contains("not under the live layer's directory"), e.getMessage());
        Path self = tmp.resolve("self.spfs.yaml");
        Files.writeString(self, "api: spfs/v0/runspec\nlayers: [" + self + "]\n");
        assertThrows(SpfsException.class, () -> EnvSpec.parse(self.toString()));
        assertThrows(SpfsException.class, () -> EnvSpec.parse("/etc/passwd"));
    }

    @Test
    void overlayOptionsForRootAndForUserNamespaces() {
        OverlayOptions root = new OverlayOptions(Set.of("index", "metacopy"), false);
        assertEquals("index=off,metacopy=off,redirect_dir=follow,lowerdir=/a:/b\\:c,upperdir=/u,workdir=/w",
                root.build(List.of(Path.of("/a"), Path.of("/b:c")), Path.of("/u"), Path.of("/w")));
        assertEquals("redirect_dir=follow,lowerdir=/a,upperdir=/u,workdir=/w",
                new OverlayOptions(Set.of(), false).build(List.of(Path.of("/a")), Path.of("/u"), Path.of("/w")));
        OverlayOptions rootless = new OverlayOptions(Set.of(), true);
        assertEquals("userxattr,index=off,metacopy=off,redirect_dir=nofollow,lowerdir=/a,upperdir=/u,workdir=/w",
                rootless.build(List.of(Path.of("/a")), Path.of("/u"), Path.of("/w")));
        assertEquals("user.overlay.", rootless.xattrPrefix());
        assertEquals(MountBackend.OVERLAY_FUSE, MountBackend.parse("overlayfswithfuse"));
        assertThrows(SpfsException.class, () -> MountBackend.parse("nope"));
    }
}
