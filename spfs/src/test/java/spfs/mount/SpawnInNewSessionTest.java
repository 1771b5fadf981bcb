package spfs.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's monitor is started by one posix_spawn: in a session of its own, with only
 * /dev/null for its standard streams and none of our other descriptors, no blocked signals, and
 * the signals it relies on at their defaults.
 */
class SpawnInNewSessionTest {
    @TempDir
    Path tmp;

    /**
     * What the child says about itself, written to {@code out} (its stdout is /dev/null): its
     * pid, session, where each of its descriptors leads (a command substitution adds a pipe of
     * its own), its blocked and ignored signals, and one variable of its environment.
     */
    private static String script(Path out) {
        return "info=\"pid $$\nsid $(cut -d' ' -f6 /proc/$$/stat)\n"
                + "fds $(for f in /proc/$$/fd/*; do readlink $f; done | tr '\\n' ' ')\n"
                + "$(grep -E '^Sig(Blk|Ign)' /proc/$$/status | tr -d ':')\nenv $MARK\"; "
                + "printf '%s\\n' \"$info\" > " + out + ".tmp; mv " + out + ".tmp " + out;
    }

    @Test
    void theChildHasASessionOfItsOwnAndNothingOfOursButDevNull() throws Exception {
        Linux linux = Linux.load();
        Path out = tmp.resolve("child");
        // a descriptor of ours without close-on-exec, as JDK streams are: it must not reach the child
        try (FileOutputStream leaked = new FileOutputStream(tmp.resolve("ours").toFile())) {
            long pid = linux.spawnInNewSession(List.of("/bin/sh", "-c", script(out)), List.of("MARK=given", "PATH=/usr/bin:/bin"),
                    false);
            assertTrue(pid > 0);
            String said = await(out);
            Map<String, String> lines = new HashMap<>();
            for (String line : said.split("\n")) {
                String[] f = line.split("\\s+", 2);
                lines.put(f[0], f.length > 1 ? f[1].trim() : "");
            }
            assertEquals(Long.toString(pid), lines.get("pid"), said);
            assertEquals(Long.toString(pid), lines.get("sid"), "the child leads a session of its own: " + said);
            assertTrue(lines.get("fds").startsWith("/dev/null /dev/null /dev/null"), "its standard streams: " + said);
            assertTrue(!lines.get("fds").contains("ours"), "none of our descriptors: " + said);
            assertEquals("0000000000000000", lines.get("SigBlk"), "no blocked signal: " + said);
            long ignored = Long.parseLong(lines.get("SigIgn"), 16);
            for (int signal : new int[] {1, 2, 3, 13, 15}) {
                assertEquals(0, ignored & (1L << (signal - 1)), "signal " + signal + " at its default: " + said);
            }
            assertEquals("given", lines.get("env"), "the environment given, alone: " + said);
        }
    }

    @Test
    void aMissingProgramIsAnErrorNamingIt() {
        MountException e = assertThrows(MountException.class,
                () -> Linux.load().spawnInNewSession(List.of("/nonexistent/monitor"), List.of(), false));
        assertTrue(e.getMessage().contains("/nonexistent/monitor"), e.getMessage());
        assertEquals("command-not-found", e.code());
    }

    private static String await(Path out) throws Exception {
        for (int i = 0; i < 3000 && !Files.exists(out); i++) {
            Thread.sleep(10);
        }
        return Files.readString(out);
    }
}
