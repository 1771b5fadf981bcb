package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import spk.cli.spfs.EarlyLibc;

class EarlyLibcTest {
    private static boolean starts(String... args) {
        return EarlyLibc.startFor(args, Set.of("run", "env"), Set.of("--dry-run")).isPresent();
    }

    @Test
    void onlyACommandThatEntersARuntimeStartsTheBinding() {
        assertTrue(starts("run", "bench/l0", "--", "true"));
        assertTrue(starts("-v", "run", "-"));
        assertTrue(starts("env", "hello", "--", "sh", "--dry-run"), "the command's own words are not ours");
        assertEquals(false, starts("version"));
        assertEquals(false, starts("ls", "run"), "only the first word names the command");
        assertEquals(false, starts("env", "--dry-run", "hello"));
        assertEquals(false, starts());
    }

    @Test
    void theEarlyBindingMakesSystemCalls() {
        var linux = EarlyLibc.startFor(new String[] {"run"}, Set.of("run"), Set.of()).orElseThrow();
        assertEquals(ProcessHandle.current().pid(), linux.pid());
    }
}
