package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command blocks, run as they are written, in order, in one shell, from the root of
 * what a fresh clone looks like after {@code ./build-and-run.sh}: the real {@code bin/} launchers
 * over a {@code cli/target/jspk-cli.jar} (here a jar whose manifest names this test's class
 * path), the real {@code packages/}. Only {@code ./build-and-run.sh} and {@code ./run-tests.sh}
 * are left out: they are the build, and this very test run. {@code bin/} is not on PATH, as on
 * a fresh clone.
 */
class ReadmeExamplesTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    static final long LIMIT_MINUTES = 15;

    @TempDir
    Path tmp;

    /** The lines of the README's {@code sh} blocks that a reader runs after building. */
    static List<String> commands() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Matcher m = SH_BLOCK.matcher(readme);
        while (m.find()) {
            for (String line : m.group(1).split("\n")) {
                if (!line.startsWith("./build-and-run.sh") && !line.startsWith("./run-tests.sh")) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /**
     * A clone's layout in {@code tmp}: bin/, packages/, README.md, and cli/target/jspk-cli.jar as
     * the launchers expect it.
     */
    static Path cloneLayout(Path tmp) throws IOException {
        Path clone = tmp.resolve("clone");
        for (String dir : List.of("bin", "packages")) {
            try (Stream<Path> s = Files.walk(REPO.resolve(dir))) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path to = clone.resolve(REPO.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        Files.copy(REPO.resolve("README.md"), clone.resolve("README.md"));
        Path target = Files.createDirectories(clone.resolve("cli/target/lib")).getParent();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(":")) {
            if (!entry.isEmpty()) {
                classPath.add(Path.of(entry).toAbsolutePath().toUri().toString());
            }
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream out = Files.newOutputStream(target.resolve("jspk-cli.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return clone;
    }

    @Test
    void everyCommandBlockRunsAsWritten() throws Exception {
        RuntimeHarness.assumeOverlayFs();
        List<String> commands = commands();
        assertTrue(commands.stream().filter(l -> l.startsWith("bin/spk ")).count() >= 10, commands.toString());
        Path clone = cloneLayout(tmp);
        Path script = tmp.resolve("readme.sh");
        Files.writeString(script, "set -euo pipefail\n" + String.join("\n", commands) + "\n");
        Path home = Files.createDirectories(tmp.resolve("home"));
        String java = Path.of(System.getProperty("java.home")).toString();
        ProcessBuilder pb = new ProcessBuilder("bash", "-x", script.toString()).directory(clone.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SPFS_") || k.startsWith("SPK_") || k.equals("JAVA_OPTS"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("JAVA_HOME", java);
        env.put("PATH", java + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("SPFS_MONITOR_INTERVAL_MS", "50");
        Process p = pb.start();
        boolean done = p.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = RuntimeHarness.readOr(tmp.resolve("out.txt"));
        // the monitors of the last runtimes remove their records (and stop writing there) on their own
        assertTrue(RuntimeHarness.awaitNoRuntimes(clone.resolve("demo/local")), "runtimes left running:\n" + out);
        assertTrue(done, "the README's commands did not finish in " + LIMIT_MINUTES + " minutes:\n" + out);
        assertEquals(0, p.exitValue(), out);
        for (String expected : List.of("Installed Packages:", "\"status\" : \"solved\"", "exit 1\n",
                "pkg: hello/1.1.0/UCGV7M3A", "hi from hello 1.2.0\n", "greeter 1.0.0\n",
                "published greeter to demo/shared", "(shared)", " tagged: my/x\n", "\nhi\n")) {
            assertTrue(out.contains(expected), "the output lacks '" + expected + "':\n" + out);
        }
    }
}
