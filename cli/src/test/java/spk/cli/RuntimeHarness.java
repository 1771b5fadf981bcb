package spk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import spfs.monitor.ProcessTable;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeStorage;
import spfs.encoding.Digest;
import spfs.storage.fs.FsRepository;

/**
 * Runs {@code spfs} as real processes against a scratch repository, with an {@code spfs}
 * wrapper on PATH so that commands inside a runtime can call it, and cleans up every runtime
 * the test made: processes in its namespace are killed by pid (mounts live only there).
 */
final class RuntimeHarness implements AutoCloseable {
    final Path root;
    final Path repo;
    final Path bin;

    RuntimeHarness(Path root) throws IOException {
        this.root = root;
        this.repo = root.resolve("repo");
        this.bin = root.resolve("bin");
        Files.createDirectories(bin);
        // spfs, and spk for what runs inside a runtime (spk view, spk install)
        launcher("spfs", "spk.cli.spfs.SpfsMain");
        launcher("spk", "spk.cli.spk.SpkMain");
    }

    /** A launcher in bin/ for a main class of the test class path; as bin/launch.sh, JAVA_OPTS reaches the JVM. */
    private void launcher(String name, String main) throws IOException {
        Path wrapper = bin.resolve(name);
        Files.writeString(wrapper, "#!/bin/bash\n" + CWD_AFTER_REMOUNT + "exec '" + java() + "' "
                + String.join(" ", SpfsProcess.jvmOptions()) + " ${JAVA_OPTS:-} -cp '" + System.getProperty("java.class.path")
                + "' " + main + " \"$@\"\n");
        Files.setAttribute(wrapper, "unix:mode", 0755);
    }

    /** As bin/launch.sh: a shell left in a detached /spfs by a remount goes to the same path in the new one. */
    static final String CWD_AFTER_REMOUNT = "pwd -P >/dev/null 2>&1 || cd -- \"${PWD:-/}\" 2>/dev/null || cd /\n";

    /**
     * A command prefix running {@code spfs} as the unprivileged user 65534 (nobody): the class
     * path, jars and class folders alike, is copied where that user can read it (the test's own
     * may live under /root, or in a clone under a private temporary folder).
     */
    List<String> asNobody() throws IOException {
        Path wrapper = bin.resolve("spfs-nobody");
        // copied once: copying again replaced the jars under a monitor still starting from them
        // (it died before recording itself, and its runtime was left behind)
        if (Files.exists(wrapper)) {
            return nobodyPrefix(wrapper);
        }
        Path jars = root.resolve("nobody-jars");
        Files.createDirectories(jars);
        List<String> cp = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(":")) {
            Path p = Path.of(entry);
            Path copy = jars.resolve((i++) + "-" + p.getFileName());
            if (Files.isRegularFile(p)) {
                Files.copy(p, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                cp.add(copy.toString());
            } else if (Files.isDirectory(p)) {
                copyTree(p, copy);
                cp.add(copy.toString());
            }
        }
        Path written = bin.resolve("spfs-nobody.tmp");
        Files.writeString(written, "#!/bin/bash\n" + CWD_AFTER_REMOUNT + "exec '" + java() + "' "
                + String.join(" ", SpfsProcess.jvmOptions()) + " -cp '" + String.join(":", cp) + "' spk.cli.spfs.SpfsMain \"$@\"\n");
        Files.setAttribute(written, "unix:mode", 0755);
        for (Path d = root; d != null && !d.equals(Path.of("/tmp")) && !d.equals(Path.of("/")); d = d.getParent()) {
            Files.setAttribute(d, "unix:mode", 0777);
        }
        Files.move(written, wrapper, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return nobodyPrefix(wrapper);
    }

    private static List<String> nobodyPrefix(Path wrapper) {
        return List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", wrapper.toString());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** {@code spfs args} as nobody, with the harness's environment. */
    ProcessBuilder nobody(String... args) throws IOException {
        ProcessBuilder pb = builder(args);
        pb.command().remove(0);
        pb.command().addAll(0, asNobody());
        return pb;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A process builder for {@code spfs args} with the harness's environment. */
    ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("spfs").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SPFS_") || k.equals("JAVA_OPTS"));
        env.put("SPFS_STORAGE__ROOT", repo.toString());
        env.put("SPFS_MONITOR_INTERVAL_MS", "50");
        env.put("XDG_CONFIG_HOME", root.resolve("no-config").toString());
        env.put("HOME", root.toString());
        env.put("SHELL", "/bin/bash");
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        return pb;
    }

    /** Skips the calling test where the kernel has no overlayfs, which every runtime needs. */
    static void assumeOverlayFs() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.readString(Path.of("/proc/filesystems")).contains("overlay"),
                "the kernel has no overlayfs, which every runtime needs");
    }

    /** Runs {@code spk args} (SpkMain on the test class path) to completion, with the harness's environment. */
    Result spk(String... args) throws IOException, InterruptedException {
        return run(spkBuilder(List.of(), args));
    }

    /** {@code spk args} run in {@code dir}, to completion. */
    Result spkIn(Path dir, String... args) throws IOException, InterruptedException {
        return run(spkBuilder(List.of(), args).directory(dir.toFile()));
    }

    /** A process builder for {@code spk args} with the harness's environment and extra JVM options. */
    ProcessBuilder spkBuilder(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(SpfsProcess.jvmOptions());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "spk.cli.spk.SpkMain"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = builder("version");
        pb.command(cmd);
        return pb;
    }

    /** {@code spk args} run in folder {@code dir}, its standard input {@code stdin}. */
    Result spkWithInput(Path dir, String stdin, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = spkBuilder(List.of(), args).directory(dir.toFile());
        Path in = Files.createTempFile(root, "in", ".txt");
        Files.writeString(in, stdin);
        pb.redirectInput(in.toFile());
        return run(pb);
    }

    /** A layer of one executable file {@code file} holding {@code text}, committed into {@code into}. */
    Digest layer(FsRepository into, String name, String file, String text) throws IOException {
        Path d = root.resolve("src-" + name);
        Files.createDirectories(d.resolve(file).getParent());
        Files.writeString(d.resolve(file), text);
        Files.setAttribute(d.resolve(file), "unix:mode", 0755);
        return new spfs.commit.DirectoryCommitter(into, spfs.graph.ObjectFormat.DEFAULT, 2).commit(d).layer().digest();
    }

    /** Runs to completion: exit code, stdout, stderr. */
    Result run(String... args) throws IOException, InterruptedException {
        return run(builder(args));
    }

    Result run(ProcessBuilder pb) throws IOException, InterruptedException {
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        finish(p, String.join(" ", pb.command()));
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** How long one spfs command may take before the test gives up on it (each takes seconds). */
    static final long PROCESS_LIMIT_SECONDS = 120;

    /**
     * Waits (bounded) for a process the test started; one that hangs is reported with what every
     * related process was doing, then killed with its descendants, and the test fails.
     */
    static int finish(Process p, String what) throws InterruptedException {
        if (p.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            return p.exitValue();
        }
        String report = Diagnostics.report();
        System.err.println("=== " + what + " did not finish within " + PROCESS_LIMIT_SECONDS + " s ===\n" + report);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(what + " did not finish within " + PROCESS_LIMIT_SECONDS + " s; processes:\n" + report);
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    RuntimeStorage storage() {
        return storage(repo);
    }

    static RuntimeStorage storage(Path repo) {
        FsRepository r = FsRepository.open(repo, Optional.empty());
        return new RuntimeStorage(r, spfs.graph.ObjectFormat.DEFAULT, "test@host");
    }

    List<RuntimeData> runtimes() {
        return runtimes(repo);
    }

    static List<RuntimeData> runtimes(Path repo) {
        if (!Files.isDirectory(repo.resolve("objects"))) {
            return List.of();
        }
        return storage(repo).list(p -> { });
    }

    /** How long a test waits for something a runtime does in the background (a monitor's tear-down, say). */
    static final Duration AWAIT_LIMIT = Duration.ofSeconds(60);

    /**
     * Polls {@code value} until {@code done} holds of it or {@link #AWAIT_LIMIT} has passed;
     * returns the last value seen, so the caller's assertion can show it. A value that cannot be
     * read yet (the supplier throws) counts as not done.
     */
    static <T> T await(Callable<T> value, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT_LIMIT.toNanos();
        T last = null;
        int spins = 0;
        while (true) {
            try {
                last = value.call();
                if (done.test(last)) {
                    return last;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // not there yet
            }
            if (System.nanoTime() > deadline) {
                return last;
            }
            Thread.sleep(Math.min(5 + 5L * spins++, 50));
        }
    }

    /** Waits (bounded) until no runtime record is left; returns whether that happened. */
    boolean awaitNoRuntimes() throws InterruptedException {
        return awaitNoRuntimes(repo);
    }

    /** Waits (bounded) until {@code repo} holds no runtime record; returns whether that happened. */
    static boolean awaitNoRuntimes(Path repo) throws InterruptedException {
        return await(() -> runtimes(repo), List::isEmpty).isEmpty();
    }

    /** Waits (bounded) until runtime {@code name}'s record has no owning process; returns it. */
    RuntimeData awaitReleased(String name) throws InterruptedException {
        return await(() -> storage().read(name), rt -> rt.status().owner().isEmpty());
    }

    /** Waits (bounded) until {@code file} exists. */
    static boolean await(Path file) throws InterruptedException {
        return await(() -> Files.exists(file), Boolean::booleanValue);
    }

    /** A file's text, or a note that it is missing (for failure messages). */
    static String readOr(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }

    /** Whether this (the host's) mount table mentions {@code text}. */
    static boolean hostMountsMention(String text) throws IOException {
        return Files.readString(Path.of("/proc/self/mountinfo")).contains(text);
    }

    /** Kills what is left in the test's runtimes (their mounts go with their namespaces). */
    @Override
    public void close() {
        for (RuntimeData rt : runtimes()) {
            ProcessTable table = ProcessTable.scan();
            rt.config().mountNamespace().ifPresent(ns -> table.namespaces().forEach((pid, n) -> {
                if (n.equals(ns) && pid != ProcessHandle.current().pid()) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }));
            rt.status().monitor().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
