package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.cli.spk.SpkConfig;
import spk.error.SpkException;

/** SPK's [solver] ordering settings, from config files and SPK_ variables, as users set them. */
class SpkConfigTest {
    @TempDir
    Path tmp;

    Map<String, String> env(String... extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HOME", tmp.toString(),
                "XDG_CONFIG_HOME", tmp.resolve("config").toString()));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    void configFile(String text) throws Exception {
        Files.createDirectories(tmp.resolve("config/spk"));
        Files.writeString(tmp.resolve("config/spk/spk.toml"), text);
    }

    @Test
    void theConfigFileSetsTheOrderAndTheEnvironmentWins() throws Exception {
        assertTrue(SpkConfig.load(env()).solverOrder().requestPriority().isEmpty(), "nothing set, nothing promoted");
        configFile("[solver]\nrequest_priority_order = [\"gcc\", \"py*\"]\nbuild_key_name_order = \"arch,os\"\n");
        SpkConfig c = SpkConfig.load(env());
        assertEquals(List.of("gcc", "py*"), c.solverOrder().requestPriority().patterns());
        assertEquals(List.of("arch", "os"), c.solverOrder().buildKeyNames().patterns());
        c = SpkConfig.load(env("SPK_SOLVER_REQUEST_PRIORITY_ORDER", "boost*"));
        assertEquals(List.of("boost*"), c.solverOrder().requestPriority().patterns());
        assertEquals(List.of("arch", "os"), c.solverOrder().buildKeyNames().patterns());
    }

    @Test
    void badSettingsNameTheirSource() throws Exception {
        configFile("[solver]\nrequest_priority_order = 3\n");
        SpkException e = assertThrows(SpkException.class, () -> SpkConfig.load(env()));
        assertTrue(e.getMessage().contains("spk.toml: solver.request_priority_order must be"), e.getMessage());
        configFile("[solver\n");
        e = assertThrows(SpkException.class, () -> SpkConfig.load(env()));
        assertTrue(e.getMessage().startsWith("cannot read config file " + tmp.resolve("config/spk/spk.toml")), e.getMessage());
        Files.delete(tmp.resolve("config/spk/spk.toml"));
        e = assertThrows(SpkException.class, () -> SpkConfig.load(env("SPK_SOLVER_BUILD_KEY_NAME_ORDER", "a[b")));
        assertEquals("invalid pattern 'a[b' in solver.build_key_name_order ($SPK_SOLVER_BUILD_KEY_NAME_ORDER): "
                + "not a valid glob at position 3", e.getMessage());
        assertEquals(2, e.kind().exitCode());
    }

    /** spk explain as a user runs it: the same requests, another answer once bb is promoted. */
    @Test
    void explainFollowsTheRequestPriorityOrder() throws Exception {
        Path catalog = tmp.resolve("catalog.yaml");
        Files.writeString(catalog, """
                - {pkg: aa/2.0.0/AAAAAAAA, install: {requirements: [{pkg: cc/=1.0.0}]}}
                - {pkg: aa/1.0.0/AAAAAAAA}
                - {pkg: bb/2.0.0/AAAAAAAA, install: {requirements: [{pkg: cc/=2.0.0}]}}
                - {pkg: bb/1.0.0/AAAAAAAA}
                - {pkg: cc/1.0.0/AAAAAAAA}
                - {pkg: cc/2.0.0/AAAAAAAA}
                """);
        String plain = explain(catalog, env());
        assertTrue(plain.contains("aa/2.0.0/AAAAAAAA") && plain.contains("bb/1.0.0/AAAAAAAA"), plain);
        String promoted = explain(catalog, env("SPK_SOLVER_REQUEST_PRIORITY_ORDER", "bb"));
        assertTrue(promoted.contains("bb/2.0.0/AAAAAAAA") && promoted.contains("aa/1.0.0/AAAAAAAA"), promoted);
    }

    private String explain(Path catalog, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(SpfsProcess.jvmOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "spk.cli.spk.SpkMain", "explain", "--no-host",
                "-r", catalog.toString(), "aa", "bb"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SPK_"));
        pb.environment().putAll(env);
        Path out = tmp.resolve("explain.out");
        Process p = pb.redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "spk explain finished");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
