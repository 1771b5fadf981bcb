package spfs.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libc called through jffi: strings and arrays in, errno out, each call doing what its C name says. */
class LinuxTest {
    private static final Linux LINUX = Linux.load();

    @TempDir
    Path tmp;

    private static boolean root() {
        return LINUX.euid() == 0;
    }

    @Test
    void theProcessIdentityIsTheKernels() throws IOException {
        assertEquals(ProcessHandle.current().pid(), LINUX.pid());
        Path mine = Files.createFile(tmp.resolve("mine"));
        assertEquals(LINUX.euid(), Files.getAttribute(mine, "unix:uid"));
        assertEquals(LINUX.egid(), Files.getAttribute(mine, "unix:gid"));
    }

    @Test
    void aFailedCallIsReportedWithItsErrnoByName() {
        assumeTrue(root(), "as another user mount fails with EPERM first");
        String target = tmp.resolve("missing/target").toString();
        MountException e = assertThrows(MountException.class,
                () -> LINUX.mount("none", target, "tmpfs", 0, null, "a tmpfs"));
        assertEquals(Linux.ENOENT, e.errno());
        assertEquals("mount", e.code());
        assertEquals("cannot mount a tmpfs on " + target + ": No such file or directory (ENOENT)", e.getMessage());
    }

    @Test
    void errnoIsDescribedByMessageAndName() {
        assertEquals("Device or resource busy (EBUSY)", LINUX.describe(Linux.EBUSY));
        assertEquals("No data available (ENODATA)", LINUX.describe(Linux.ENODATA));
    }

    @Test
    void unmountingWhatIsNotAMountPointSaysSo() throws IOException {
        assumeTrue(root());
        assertFalse(LINUX.unmountIfMounted(Files.createDirectory(tmp.resolve("plain")).toString()));
        assertFalse(LINUX.unmountIfMounted(tmp.resolve("missing").toString()));
    }

    /** Cut at its NUL, the path would name the folder, which is not a mount point: an answer, and a wrong one. */
    @Test
    void aStringWithANulOfItsOwnIsRefusedNotCut() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        assertThrows(IllegalArgumentException.class, () -> LINUX.unmountIfMounted(dir + "\0/mounted"));
    }

    @Test
    void anExtendedAttributeIsReadWithoutFollowingALink() throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        byte[] value = "sha-é\u0000\u00ff".getBytes(StandardCharsets.UTF_8);
        try {
            view.write("spfs.test", ByteBuffer.wrap(value));
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "no user xattrs on " + tmp + ": " + e);
        }
        assertArrayEquals(value, LINUX.xattr(file, "user.spfs.test"));
        assertNull(LINUX.xattr(file, "user.spfs.other"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
        assertNull(LINUX.xattr(link, "user.spfs.test"), "the link's own attributes, not its target's");
    }

    @Test
    void aWhiteoutIsACharacterDeviceZeroZero() throws IOException {
        assumeTrue(root());
        Path whiteout = tmp.resolve("gone é");
        LINUX.whiteout(whiteout);
        int mode = (Integer) Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0020000, mode & 0170000, Integer.toOctalString(mode));
        assertEquals(0L, Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS));
        MountException again = assertThrows(MountException.class, () -> LINUX.whiteout(whiteout));
        assertTrue(again.getMessage().endsWith("File exists (EEXIST)"), again.getMessage());
    }

    @Test
    void chownChangesTheLinkNotItsTarget() throws IOException {
        assumeTrue(root());
        Path file = Files.createFile(tmp.resolve("file"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
        LINUX.chown(link, 12345, 23456);
        assertEquals(12345, Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(23456, Files.getAttribute(link, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, Files.getAttribute(file, "unix:uid"));
    }

    @Test
    void aThreadJoinsTheMountNamespaceItIsIn() throws Exception {
        assumeTrue(root());
        String before = Linux.mountNamespaceOf("thread-self");
        Thread t = new Thread(() -> LINUX.joinMountNamespace(ProcessHandle.current().pid()));
        List<Throwable> failures = new ArrayList<>();
        t.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
        t.start();
        t.join();
        assertEquals(List.of(), failures);
        assertEquals(before, Linux.mountNamespaceOf("self"));
    }

    /**
     * exec replaces a process, so a child JVM does it: first a command that does not exist (the
     * error names errno), then a shell that prints each argument and the environment it got.
     */
    @Test
    void execPassesEveryArgumentAndTheEnvironmentAsGiven() throws Exception {
        List<String> odd = new ArrayList<>(List.of("", "two words", "é ü 中文 🙂", "-", "$HOME", "'\"\\", " "));
        for (int i = 0; i < 500; i++) {
            odd.add("arg" + i);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Exec.class.getName()));
        command.addAll(odd);
        ProcessBuilder child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // a UTF-8 locale, so that the child JVM reads its own arguments as UTF-8 on JDK 17 too
        child.environment().put("LC_ALL", "C.UTF-8");
        Process p = child.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));

        StringBuilder expected = new StringBuilder("command-not-found: cannot run /nonexistent/command: "
                + "No such file or directory (ENOENT)\n");
        for (String a : odd) {
            expected.append('[').append(a).append(']');
        }
        expected.append("{é=ü 中}{}{unset}");
        assertEquals(expected.toString(), new String(out, StandardCharsets.UTF_8));
    }

    /** The child of {@link #execPassesEveryArgumentAndTheEnvironmentAsGiven}. */
    public static final class Exec {
        public static void main(String[] args) {
            Linux linux = Linux.load();
            MountException missing = linux.exec("/nonexistent/command", List.of("command"), List.of());
            System.out.println(missing.code() + ": " + missing.getMessage());
            List<String> argv = new ArrayList<>(List.of("sh", "-c",
                    "printf '[%s]' \"$@\"; printf '{%s}' \"$ODD\" \"$EMPTY\" \"${HOME-unset}\"", "sh"));
            argv.addAll(List.of(args));
            MountException e = linux.exec("/bin/sh", argv, List.of("ODD=é=ü 中", "EMPTY="));
            System.out.println("exec returned: " + e.getMessage());
            System.exit(1);
        }
    }
}
