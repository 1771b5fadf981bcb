package spk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code spfs} (SpfsMain) as a real child process on the test class path. */
final class SpfsProcess {
    private SpfsProcess() {}

    /**
     * The JVM options bin/launch.sh gives spfs: quick start-up, and no warnings on stderr from
     * newer JDKs about jnr's native code and its use of sun.misc.Unsafe.
     */
    static List<String> jvmOptions() {
        List<String> opts = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 22) {
            opts.add("--enable-native-access=ALL-UNNAMED");
        }
        if (Runtime.version().feature() >= 23) {
            opts.add("--sun-misc-unsafe-memory-access=allow");
        }
        return opts;
    }

    static ProcessBuilder builder(Path localRepo, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("spk.cli.spfs.SpfsMain");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SPFS_"));
        env.put("SPFS_STORAGE__ROOT", localRepo.toString());
        env.put("XDG_CONFIG_HOME", localRepo.resolveSibling("no-config").toString());
        return pb;
    }

    /** Runs to completion; returns exit code and combined output. */
    static Result run(Path localRepo, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        Process p = builder(localRepo, jvmArgs, args).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("spfs " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Result(int exit, String output) {}
}
