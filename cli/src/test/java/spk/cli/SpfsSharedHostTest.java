package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.graph.Layer;
import spfs.runtime.RuntimeData;
import spfs.storage.Refs;
import spfs.storage.fs.FsRepository;

/**
 * One host, two users: root's repository against the unprivileged user 65534 (nobody), run as
 * real processes. Nothing nobody can write is used by root; nobody cannot change root's data,
 * nor remove or join root's runtimes.
 */
class SpfsSharedHostTest {
    @TempDir
    Path tmp;

    RuntimeHarness harness() throws Exception {
        return new RuntimeHarness(tmp);
    }

    Path tree() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("bin"));
        Files.writeString(src.resolve("bin/tool"), "#!/bin/sh\necho real\n");
        Files.writeString(src.resolve("readme"), "hello\n");
        return src;
    }

    static RuntimeHarness.Result ok(RuntimeHarness.Result r) {
        assertEquals(0, r.exit(), r::toString);
        return r;
    }

    /** Makes every directory and file writable by all, as real spfs does. */
    static void openToAll(Path root) throws Exception {
        Process p = new ProcessBuilder("chmod", "-R", "a+rwX", root.toString()).start();
        assertEquals(0, p.waitFor());
    }

    /** The render {@code spfs render REF} made (its JSON summary names it). */
    static Path renderedPath(RuntimeHarness.Result render) {
        return Path.of(render.out().replaceAll("(?s).*\"paths_rendered\"\\s*:\\s*\\[\\s*\"([^\"]+)\".*", "$1"));
    }

    static UserPrincipal nobody() throws Exception {
        return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }

    @Test
    void anotherUserCanReadRootsRepositoryButChangeNothing() throws Exception {
        try (RuntimeHarness h = harness()) {
            ok(h.run("commit", "--path", tree().toString(), "-t", "base"));
            FsRepository repo = FsRepository.open(h.repo, Optional.empty());
            Path tagFile = h.repo.resolve("tags/base.tag");
            byte[] before = Files.readAllBytes(tagFile);
            assertEquals(0, h.run(h.nobody("ls", "base")).exit(), "reading is allowed");
            RuntimeHarness.Result tag = h.run(h.nobody("tag", "base", "planted"));
            assertEquals(3, tag.exit(), tag::toString);
            assertTrue(tag.err().contains("permission denied"), tag.err());
            RuntimeHarness.Result untag = h.run(h.nobody("untag", "base", "--all"));
            assertNotEquals(0, untag.exit(), untag::toString);
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(tagFile)), "root's tag is unchanged");
            assertFalse(Files.exists(h.repo.resolve("tags/planted.tag")));
            // no data file can be truncated or replaced, and no directory takes new files
            Digest payload = Digest.of("hello\n".getBytes());
            byte[] object = Files.readAllBytes(repo.objectPath(payload));
            for (Path target : List.of(repo.payloadPath(payload), repo.objectPath(payload))) {
                Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c",
                        ": > '" + target + "'; f=$(mktemp); echo planted > \"$f\"; mv -f \"$f\" '" + target + "'; touch '"
                                + target.getParent() + "/x'")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor();
                assertEquals("hello\n", Files.readString(repo.payloadPath(payload)));
                assertTrue(java.util.Arrays.equals(object, Files.readAllBytes(repo.objectPath(payload))), "the object is unchanged");
                assertFalse(Files.exists(target.getParent().resolve("x")));
            }
            ok(h.run("check"));
        }
    }

    @Test
    void aGroupSharedRepositoryTakesItsMembersTagsButNotTheirChangesToOthersData() throws Exception {
        try (RuntimeHarness h = harness()) {
            RuntimeHarness.Result init = ok(h.run("init", "repo", h.repo.toString(), "--shared-group", "nogroup"));
            assertTrue(init.out().contains("shared with group nogroup"), init.out());
            ok(h.run("commit", "--path", tree().toString(), "-t", "base"));
            // nobody's primary group is nogroup (65534): a member
            ProcessBuilder member = h.nobody("tag", "base", "by-member");
            member.command().set(member.command().indexOf("--clear-groups"), "--groups=65534");
            ok(h.run(member));
            FsRepository repo = FsRepository.open(h.repo, Optional.empty());
            assertEquals("by-member", repo.readTagStream(spfs.tag.TagSpec.parse("by-member")).get(0).name());
            Digest payload = Digest.of("hello\n".getBytes());
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--groups=65534", "sh", "-c",
                    ": > '" + repo.payloadPath(payload) + "'").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertNotEquals(0, p.waitFor(), "a member cannot truncate another's payload");
            assertEquals("hello\n", Files.readString(repo.payloadPath(payload)));
            ok(h.run("check"));
        }
    }

    @Test
    void aRepositoryMadeByRealSpfsStillReadsAndCheckWarns() throws Exception {
        try (RuntimeHarness h = harness()) {
            ok(h.run("commit", "--path", tree().toString(), "-t", "base"));
            openToAll(h.repo);
            assertEquals("readme\nbin/\n".lines().sorted().toList(), ok(h.run("ls", "base")).out().lines().sorted().toList());
            RuntimeHarness.Result check = ok(h.run("check"));
            assertTrue(check.err().contains("writable by every user"), check.toString());
        }
    }

    /**
     * A render of root's, planted by nobody in a world-writable repository (and one of root's own
     * left open to others), is never used: it is discarded and rendered again.
     */
    @Test
    void aPlantedRenderIsDiscardedAndRenderedAgain() throws Exception {
        try (RuntimeHarness h = harness()) {
            ok(h.run("commit", "--path", tree().toString(), "-t", "base"));
            FsRepository repo = FsRepository.open(h.repo, Optional.empty());
            Layer layer = (Layer) repo.readObject(Refs.resolveDigest(repo, "base"));
            String m = layer.manifest().orElseThrow().toString();
            Path planted = h.repo.resolve("renders/root").resolve(m.substring(0, 2)).resolve(m.substring(2));
            Files.createDirectories(planted.resolve("bin"));
            Files.writeString(planted.resolve("bin/tool"), "#!/bin/sh\necho planted\n");
            openToAll(h.repo);
            try (Stream<Path> all = Files.walk(h.repo.resolve("renders/root"))) {
                for (Path p : all.toList()) {
                    Files.setOwner(p, nobody());
                }
            }
            RuntimeHarness.Result render = ok(h.run("render", "base"));
            Path used = renderedPath(render);
            assertEquals("#!/bin/sh\necho real\n", Files.readString(used.resolve("bin/tool")), render.out());
            assertEquals(0, (Integer) Files.getAttribute(used, "unix:uid", LinkOption.NOFOLLOW_LINKS));
            assertEquals(0700, (Integer) Files.getAttribute(h.repo.resolve("renders/root"), "unix:mode") & 07777);
            // root's own render, made open to others later, is not trusted either
            Files.setAttribute(used, "unix:mode", 0777);
            Files.writeString(used.resolve("extra"), "planted\n");
            RuntimeHarness.Result again = ok(h.run("render", "base"));
            assertFalse(Files.exists(used.resolve("extra")), again.out());
            assertEquals(0, (Integer) Files.getAttribute(used, "unix:mode") & 0022);
            // the discarded folder goes at the next clean
            ok(h.run("clean"));
            try (Stream<Path> renders = Files.list(h.repo.resolve("renders"))) {
                assertEquals(List.of("root"), renders.map(p -> p.getFileName().toString()).toList());
            }
        }
    }

    @Test
    void onlyItsOwnerOrRootMayRemoveOrJoinARuntime() throws Exception {
        try (RuntimeHarness h = harness()) {
            ok(h.run("commit", "--path", tree().toString(), "-t", "base"));
            RuntimeData rt = h.storage().create(Optional.of("roots-runtime"), false, spfs.mount.MountBackend.RENDERS,
                    Optional.empty());
            h.storage().put(rt);
            openToAll(h.repo);
            for (String[] args : List.of(new String[] {"runtime", "rm", "--force", "roots-runtime"},
                    new String[] {"runtime", "rm", "--ignore-user", "--ignore-monitor", "roots-runtime"},
                    new String[] {"runtime", "prune", "--stale", "--ignore-user"})) {
                RuntimeHarness.Result r = h.run(h.nobody(args));
                assertTrue(r.err().contains("belongs to " + rt.author().userName()) || args[1].equals("prune"), r::toString);
                assertTrue(h.storage().exists("roots-runtime"), "still there after " + String.join(" ", args));
            }
            RuntimeHarness.Result rm = h.run(h.nobody("runtime", "rm", "--force", "roots-runtime"));
            assertEquals(2, rm.exit(), rm::toString);
            RuntimeHarness.Result join = h.run(h.nobody("join", "roots-runtime", "--", "true"));
            assertEquals(3, join.exit(), join::toString);
            assertTrue(join.err().contains("only root or") || join.err().contains("belongs to"), join.err());
            ok(h.run("runtime", "rm", "--force", "roots-runtime"));
            assertFalse(h.storage().exists("roots-runtime"), "root may");
        }
    }

    /** A file the committing user cannot read: the error says so, not just its path. */
    @Test
    void anUnreadableFileIsNamedWithWhatWentWrong() throws Exception {
        try (RuntimeHarness h = harness()) {
            Path src = tree();
            Path secret = src.resolve("secret");
            Files.writeString(secret, "root only\n");
            Files.setAttribute(secret, "unix:mode", 0600);
            ProcessBuilder pb = h.nobody("commit", "--path", src.toString());
            pb.environment().put("SPFS_STORAGE__ROOT", tmp.resolve("nobody-repo").toString());
            RuntimeHarness.Result r = h.run(pb);
            assertEquals(3, r.exit(), r::toString);
            assertTrue(r.err().endsWith("error: cannot commit " + secret + ": permission denied\n"), r.err());
        }
    }

    /** A proxy that is not root's (or not of the file's mode) is never linked into a render: it is made again. */
    @Test
    void aProxyThatIsNotTheUsersIsMadeAgain() throws Exception {
        try (RuntimeHarness h = harness()) {
            Path src = tree();
            Files.setAttribute(src.resolve("readme"), "unix:mode", 0640);
            ok(h.run("commit", "--path", src.toString(), "-t", "base"));
            ok(h.run("render", "base"));
            Digest payload = Digest.of("hello\n".getBytes());
            String d = payload.toString();
            Path proxy = h.repo.resolve("renders/root/proxy").resolve(d.substring(0, 2)).resolve(d.substring(2))
                    .resolve(Integer.toString(0100640));
            assertTrue(Files.isRegularFile(proxy), "a 0640 file gets a proxy copy of its own");
            // another user's file, with other content, where root's proxy was
            Files.delete(proxy);
            Files.writeString(proxy, "planted\n");
            Files.setOwner(proxy, nobody());
            Files.setAttribute(proxy, "unix:mode", 0640);
            Files.writeString(src.resolve("other"), "makes a new manifest\n");
            ok(h.run("commit", "--path", src.toString(), "-t", "next"));
            RuntimeHarness.Result render = ok(h.run("render", "next"));
            Path used = renderedPath(render);
            assertEquals("hello\n", Files.readString(used.resolve("readme")), render.out());
            assertEquals(0, (Integer) Files.getAttribute(proxy, "unix:uid"), "the proxy was made again, root's");
        }
    }
}
