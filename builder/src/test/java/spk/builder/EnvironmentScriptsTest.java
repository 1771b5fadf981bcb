package spk.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.spec.model.EnvOp;

class EnvironmentScriptsTest {
    @TempDir
    Path tmp;

    static final List<EnvOp> OPS = List.of(new EnvOp.Priority(5), new EnvOp.Comment("from the test"),
            new EnvOp.Set("GREETING", "say \"hi\""), new EnvOp.Prepend("SEARCH", "/spfs/bin", ":"),
            new EnvOp.Append("SEARCH", "/spfs/extra", ":"), new EnvOp.Append("FRESH", "/only", ":"));

    String run(String shell, String script, String extension) throws Exception {
        Path f = tmp.resolve("startup." + extension);
        Files.writeString(f, script);
        String cmd = shell.endsWith("tcsh") ? "source " + f + "; echo \"$GREETING|$SEARCH|$FRESH\""
                : ". " + f + "; echo \"$GREETING|$SEARCH|$FRESH\"";
        ProcessBuilder pb = new ProcessBuilder(shell, shell.endsWith("tcsh") ? "-fc" : "-c", cmd).redirectErrorStream(true);
        pb.environment().put("SEARCH", "/usr/bin");
        pb.environment().remove("FRESH");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out.trim();
    }

    @Test
    void shAndCshScriptsSetPrependAndAppend() throws Exception {
        assertEquals("05_spk_mypkg", EnvironmentScripts.baseName("mypkg", OPS));
        assertEquals("spk_mypkg", EnvironmentScripts.baseName("mypkg", List.of()));
        String expected = "say \"hi\"|/spfs/bin:/usr/bin:/spfs/extra|/only";
        assertEquals(expected, run("/bin/sh", EnvironmentScripts.sh(OPS), "sh"));
        if (Files.isExecutable(Path.of("/usr/bin/tcsh"))) {
            assertEquals(expected, run("/usr/bin/tcsh", EnvironmentScripts.csh(OPS), "csh"));
        }
    }
}
