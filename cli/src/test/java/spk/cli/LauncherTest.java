package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/spk and bin/spfs choose a JVM and what it starts from: the Java on PATH with the class-data
 * archive bin/train-startup.sh recorded, or, for the long solves, the JDK 25 that trained the
 * ahead-of-time cache. What they chose is read from the line {@code SPK_LAUNCH_TRACE} makes them
 * print; every case also runs the command for real, which must work and print no JVM warnings
 * whatever state the archives are in (missing, stale, unreadable).
 */
class LauncherTest {
    @TempDir
    Path tmp;

    Path clone;
    Path target;

    @BeforeEach
    void layout() throws IOException {
        clone = ReadmeExamplesTest.cloneLayout(tmp);
        target = clone.resolve("cli/target");
    }

    record Launch(int exit, String java, String options, String out, String err) {}

    Launch launch(Map<String, String> extraEnv, String... command) throws Exception {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(clone.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = cleanEnvironment(pb);
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("home/.config").toString());
        env.put("SPFS_STORAGE__ROOT", tmp.resolve("repo").toString());
        env.put("SPK_LAUNCH_TRACE", "1");
        env.putAll(extraEnv);
        Process p = pb.start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String trace = stderr.lines().filter(l -> l.startsWith("launch: ")).findFirst().orElse("");
        assertFalse(trace.isEmpty(), "no launch line: " + stderr);
        String[] parts = trace.substring("launch: ".length()).split(" ", 2);
        String rest = stderr.lines().filter(l -> !l.startsWith("launch: ")).reduce("", (a, b) -> a + b + "\n");
        return new Launch(p.exitValue(), parts[0], parts.length > 1 ? parts[1] : "",
                Files.readString(out, StandardCharsets.UTF_8), rest);
    }

    /** No spfs, spk or JVM settings of the caller's, and this test's Java first on PATH. */
    private static Map<String, String> cleanEnvironment(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SPFS_") || k.startsWith("SPK_") || k.equals("JAVA_OPTS"));
        env.put("PATH", Path.of(System.getProperty("java.home")) + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        return env;
    }

    Launch launch(String... command) throws Exception {
        return launch(Map.of(), command);
    }

    private void assertRanCleanly(Launch l, String expectedOutput) {
        assertEquals(0, l.exit(), l.err());
        assertEquals("", l.err(), "no warnings from the JVM");
        assertTrue(l.out().contains(expectedOutput), l.out());
    }

    /** Made after the jar, as bin/train-startup.sh does; older than it, as after a rebuild. */
    private Path archive(String name, String content, boolean fresh) throws IOException {
        Path a = Files.writeString(target.resolve(name), content);
        FileTime jar = Files.getLastModifiedTime(target.resolve("jspk-cli.jar"));
        Files.setLastModifiedTime(a, FileTime.fromMillis(jar.toMillis() + (fresh ? 5_000 : -5_000)));
        return a;
    }

    @Test
    void withoutArchivesTheJavaOnPathRunsPlain() throws Exception {
        Launch l = launch("bin/spfs", "version");
        assertEquals("java", l.java());
        assertFalse(l.options().contains("SharedArchiveFile") || l.options().contains("AOTCache"), l.options());
        assertRanCleanly(l, "spfs ");
    }

    @Test
    void copyingCommandsKeepTheOptimisingCompilerForHotMethodsOnly() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("f"), "f\n");
        // (where libcrypto is installed, commits hash with it on C1 alone: see below)
        Launch commit = launch(Map.of("SPFS_NO_LIBCRYPTO", "1"), "bin/spfs", "commit", "--path", tree.toString());
        assertFalse(commit.options().contains("TieredStopAtLevel"), commit.options());
        assertTrue(commit.options().contains("-XX:Tier4InvocationThreshold="), commit.options());
        // but SHA-256's block loops reach C2 (and the CPU's SHA instructions) at once, and the JVM takes the option
        assertTrue(commit.options().contains("SHA2::implCompress*,double,CompileThresholdScaling,"), commit.options());
        assertTrue(commit.options().contains("DigestBase::implCompressMultiBlock*,double,CompileThresholdScaling,"),
                commit.options());
        assertTrue(commit.options().contains("-XX:+UseSerialGC -Xmn320m"), "no collection in a typical commit: "
                + commit.options());
        assertRanCleanly(commit, "created: ");
        Launch version = launch("bin/spfs", "version");
        assertFalse(version.options().contains("Tier4"), "short commands start on C1 alone: " + version.options());
    }

    @Test
    void pullsAndCommitsHashWithLibcryptoOnTheQuickCompilerAlone() throws Exception {
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        Optional<Path> libcrypto = Stream.of("/usr/lib/" + arch + "-linux-gnu", "/lib/" + arch + "-linux-gnu", "/usr/lib64", "/lib64")
                .map(d -> Path.of(d, "libcrypto.so.3")).filter(Files::isRegularFile).findFirst();
        assumeTrue(libcrypto.isPresent(), "no OpenSSL 3 libcrypto here: pulls keep the optimising compiler for SHA-256");
        Path tree = Files.createDirectories(tmp.resolve("tree/d"));
        Files.writeString(tree.resolve("f"), "pulled\n");
        Map<String, String> origin = Map.of("SPFS_STORAGE__ROOT", tmp.resolve("origin").toString());
        Launch commit = launch(origin, "bin/spfs", "commit", "--path", tmp.resolve("tree").toString(), "-t", "t");
        assertTrue(commit.options().contains("-XX:TieredStopAtLevel=1 "), commit.options());
        assertTrue(commit.options().contains("-Dspfs.libcrypto=" + libcrypto.get()), commit.options());
        assertRanCleanly(commit, "created: ");
        assertFalse(launch("bin/spfs", "check").options().contains("libcrypto"), "only pulls and commits hash much");

        Launch pull = launch("bin/spfs", "pull", "--from", "file:" + tmp.resolve("origin"), "t");
        assertTrue(pull.options().contains("-XX:TieredStopAtLevel=1"), pull.options());
        assertTrue(pull.options().contains("-Dspfs.libcrypto=" + libcrypto.get()), pull.options());
        assertFalse(pull.options().contains("Tier4") || pull.options().contains("CompileThresholdScaling"), pull.options());
        // the pull checks every payload's digest: a wrong hash would fail it
        assertRanCleanly(pull, "1 payloads");

        Launch without = launch(Map.of("SPFS_NO_LIBCRYPTO", "1", "SPFS_STORAGE__ROOT", tmp.resolve("second").toString()),
                "bin/spfs", "pull", "--from", "file:" + tmp.resolve("origin"), "t");
        assertFalse(without.options().contains("libcrypto") || without.options().contains("TieredStopAtLevel"),
                without.options());
        assertTrue(without.options().contains("SHA2::implCompress*"), without.options());
        assertRanCleanly(without, "1 payloads");
    }

    @Test
    void aClassDataArchiveIsUsedWhileNewerThanTheBuild() throws Exception {
        // the JVM's own check of the archive's contents is what makes an unreadable one harmless
        archive("jspk.jsa", "not an archive", true);
        Launch fresh = launch("bin/spk", "version");
        assertTrue(fresh.options().contains("-XX:SharedArchiveFile=" + target.resolve("jspk.jsa")), fresh.options());
        assertRanCleanly(fresh, "spk ");
        assertRanCleanly(launch("bin/spfs", "version"), "spfs ");

        archive("jspk.jsa", "not an archive", false);
        Launch stale = launch("bin/spk", "version");
        assertFalse(stale.options().contains("SharedArchiveFile"), stale.options());
        assertRanCleanly(stale, "spk ");
    }

    /**
     * A command starts from the archive of its kind (help and version, a runtime, an
     * environment), which holds fewer classes and maps faster; while that one is missing or
     * older than the build, from the archive of every command; never from a stale one.
     */
    @Test
    void eachKindOfCommandStartsFromItsOwnArchiveWhileFresh() throws Exception {
        archive("jspk.jsa", "not an archive", true);
        archive("jspk-short.jsa", "not an archive", true);
        archive("jspk-env.jsa", "not an archive", true);
        archive("jspk-run.jsa", "not an archive", false);
        String all = "-XX:SharedArchiveFile=" + target.resolve("jspk.jsa") + " ";
        String shortOnes = "-XX:SharedArchiveFile=" + target.resolve("jspk-short.jsa") + " ";
        for (List<String> command : List.of(List.of("bin/spfs", "version"), List.of("bin/spk", "--help"),
                List.of("bin/spk", "-v", "version"), List.of("bin/spfs"))) {
            Launch l = launch(command.toArray(String[]::new));
            assertTrue(l.options().contains(shortOnes), command + ": " + l.options());
            assertTrue(l.exit() == 0 || command.size() == 1, command + ": " + l.err());
            // G1, which maps the archive's module graph; no perf-data file
            assertFalse(l.options().contains("UseSerialGC"), command + ": " + l.options());
            assertTrue(l.options().contains("-XX:-UsePerfData"), command + ": " + l.options());
        }
        Launch env = launch("bin/spk", "env", "--help");
        assertTrue(env.options().contains("-XX:SharedArchiveFile=" + target.resolve("jspk-env.jsa") + " "), env.options());
        assertRanCleanly(env, "Usage: spk env");
        Launch run = launch("bin/spfs", "run", "--help");
        assertTrue(run.options().contains(all), "its own archive is stale: " + run.options());
        assertRanCleanly(run, "Usage: spfs run");
        Launch other = launch("bin/spk", "ls", "--help");
        assertTrue(other.options().contains(all), other.options());
        assertTrue(other.options().contains("-XX:+UseSerialGC"), other.options());
        assertRanCleanly(other, "Usage: spk ls");
        Launch help = launch("bin/spk", "help", "ls");
        assertTrue(help.options().contains(all), "help loads the named command's classes: " + help.options());
        assertRanCleanly(help, "Usage: spk ls");

        archive("jspk-run.jsa", "not an archive", true);
        Launch fresh = launch("bin/spfs", "-v", "run", "--help");
        assertTrue(fresh.options().contains("-XX:SharedArchiveFile=" + target.resolve("jspk-run.jsa") + " "), fresh.options());
        archive("jspk.jsa", "not an archive", false);
        assertFalse(launch("bin/spk", "ls", "--help").options().contains("SharedArchiveFile"), "no fresh archive for ls");
        assertTrue(launch("bin/spfs", "version").options().contains(shortOnes), "the short one is still fresh");
    }

    /**
     * A bare {@code --help} prints the usage the build recorded without modelling the command
     * line (no picocli model class loaded), and that is what picocli prints when it renders the
     * same usage ({@code -v --help}), byte for byte: plain, in colour ({@code CLICOLOR_FORCE}),
     * and plain again where {@code NO_COLOR} overrides it.
     */
    @Test
    void aBareHelpPrintsWhatPicocliPrintsWithoutModellingTheCommandLine() throws Exception {
        Path classes = tmp.resolve("classes.log");
        for (String program : List.of("bin/spk", "bin/spfs")) {
            for (Map<String, String> colour : List.of(Map.<String, String>of(), Map.of("CLICOLOR_FORCE", "1"),
                    Map.of("CLICOLOR_FORCE", "1", "NO_COLOR", "1"))) {
                Map<String, String> env = new HashMap<>(colour);
                env.put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
                Launch recorded = launch(env, program, "--help");
                String loaded = Files.readString(classes);
                Launch modelled = launch(colour, program, "-v", "--help");
                assertRanCleanly(recorded, "Usage: ");
                assertRanCleanly(modelled, "Usage: ");
                assertEquals(modelled.out(), recorded.out(), program + " " + colour);
                assertEquals(colour.size() == 1, recorded.out().contains("\u001b["), program + " " + colour);
                assertFalse(loaded.contains("picocli.CommandLine$Model$CommandSpec "), program + ": the command line was modelled");
                assertTrue(loaded.contains("spk.cli.app.RecordedUsage "), loaded);
            }
        }
    }

    /**
     * The launchers take their folder's real path from cli/target/bin-path (no fork) only when
     * it names the folder they run from; the archive's path, which must match the one recorded,
     * is the real one however they were reached: a symlinked folder, a symlink to the script,
     * a recorded path of another checkout.
     */
    @Test
    void theRecordedFolderIsUsedOnlyWhenItIsTheLaunchersOwn() throws Exception {
        Path real = clone.toRealPath();
        archive("jspk.jsa", "not an archive", true);
        String expected = "-XX:SharedArchiveFile=" + real.resolve("cli/target/jspk.jsa");
        Path linkedFolder = Files.createSymbolicLink(tmp.resolve("linked-bin"), clone.resolve("bin"));
        Path linkedScript = Files.createSymbolicLink(tmp.resolve("spfs-link"), clone.resolve("bin/spfs"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/bin"));
        for (String recorded : List.of(real.resolve("bin").toString(), elsewhere.toString(), "")) {
            Files.writeString(target.resolve("bin-path"), recorded + "\n");
            for (Path launcher : List.of(clone.resolve("bin/spfs"), linkedFolder.resolve("spfs"), linkedScript)) {
                Launch l = launch(launcher.toString(), "version");
                assertTrue(l.options().contains(expected), recorded + ", " + launcher + ": " + l.options());
                assertRanCleanly(l, "spfs ");
            }
        }
        Files.delete(target.resolve("bin-path"));
        Launch spk = launch(linkedFolder.resolve("spk").toString(), "version");
        assertTrue(spk.options().contains("-XX:SharedArchiveFile=" + real.resolve("cli/target/jspk.jsa")), spk.options());
    }

    /**
     * The setup command's training runs to its end (it is a bash script under {@code set -eu}: an
     * unset variable stopped it, and with it ./build-and-run.sh, after two changes met in a merge).
     * This layout's jar names the test class path, folders the JVM cannot archive, so only the run
     * itself is checked: every command played, and the folder file it writes last.
     */
    @Test
    // a minute with both cores busy, but more than the default five under a heavier load: the
    // limit is there for a training that hangs, not for a slow one
    @org.junit.jupiter.api.Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theTrainingRunsToItsEnd() throws Exception {
        Path err = tmp.resolve("train-err.txt");
        ProcessBuilder pb = new ProcessBuilder("bin/train-startup.sh").directory(clone.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(tmp.resolve("train-out.txt").toFile()).redirectError(err.toFile());
        cleanEnvironment(pb).put("SPK_AOT_JAVA", "/nonexistent");
        Process p = pb.start();
        assertTrue(p.waitFor(14, TimeUnit.MINUTES), "the training did not finish");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertFalse(stderr.contains("train-startup.sh: line"), stderr);
        assertTrue(Files.isSameFile(clone.resolve("bin"), Path.of(Files.readString(target.resolve("bin-path")).strip())));
    }

    @Test
    void aRealArchiveLoadsTheJdkClassesFromIt() throws Exception {
        Process dump = new ProcessBuilder(java(), "-Xshare:dump", "-XX:SharedArchiveFile=" + target.resolve("jspk.jsa"),
                "-cp", target.resolve("jspk-cli.jar").toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("dump.txt").toFile()).start();
        assertTrue(dump.waitFor(3, TimeUnit.MINUTES));
        assumeTrue(dump.exitValue() == 0 && Files.exists(target.resolve("jspk.jsa")), "this JVM cannot dump an archive: "
                + Files.readString(tmp.resolve("dump.txt")));
        Files.setLastModifiedTime(target.resolve("jspk.jsa"),
                FileTime.fromMillis(Files.getLastModifiedTime(target.resolve("jspk-cli.jar")).toMillis() + 5_000));
        Launch l = launch(Map.of("JAVA_OPTS", "-Xshare:on"), "bin/spfs", "version");
        assertTrue(l.options().contains("SharedArchiveFile"), l.options());
        assertRanCleanly(l, "spfs ");
    }

    @Test
    void longSolvesRunOnTheJdkThatTrainedTheAheadOfTimeCache() throws Exception {
        Optional<Path> jdk25 = jdk25();
        assumeTrue(jdk25.isPresent(), "no JDK 25 or newer in /usr/lib/jvm: the launcher's AOT path cannot run here");
        Files.createSymbolicLink(target.resolve("aot-jdk"), jdk25.get());
        archive("jspk.jsa", "not an archive", true);
        archive("jspk.aot", "not a cache", true);
        String catalog = clone.resolve("packages/demo-catalog.yaml").toString();
        Launch solve = launch("bin/spk", "-v", "explain", "--no-host", "-r", catalog, "greeter");
        assertEquals(target.resolve("aot-jdk/bin/java").toString(), solve.java());
        assertTrue(solve.options().contains("-XX:AOTCache=" + target.resolve("jspk.aot")), solve.options());
        assertFalse(solve.options().contains("SharedArchiveFile"), "the archive is for the other JVM: " + solve.options());
        assertTrue(solve.options().contains("--enable-native-access=ALL-UNNAMED"), solve.options());
        assertRanCleanly(solve, "greeter");

        // everything else starts faster on the Java on PATH, and so does a solve when told to
        Launch version = launch("bin/spk", "version");
        assertEquals("java", version.java());
        assertTrue(version.options().contains("SharedArchiveFile"), version.options());
        assertRanCleanly(version, "spk ");
        assertEquals("java", launch("bin/spfs", "version").java());
        assertEquals("java", launch(Map.of("SPK_NO_AOT", "1"), "bin/spk", "explain", "--no-host", "-r", catalog, "greeter").java());
        // the JVM refuses an AOT cache beside a class-data choice of the user's own
        Launch own = launch(Map.of("JAVA_OPTS", "-Xshare:off"), "bin/spk", "explain", "--no-host", "-r", catalog, "greeter");
        assertEquals("java", own.java());
        assertRanCleanly(own, "greeter");

        archive("jspk.aot", "not a cache", false);
        Launch stale = launch("bin/spk", "explain", "--no-host", "-r", catalog, "greeter");
        assertEquals("java", stale.java());
        assertRanCleanly(stale, "greeter");
    }

    /**
     * A pull runs on the JDK 25 with its own cache, which bin/train-startup.sh records through the
     * launcher (SPK_AOT_RECORD) so that it is made with the options a pull then runs with: the
     * JVM would silently ignore a cache made with others.
     */
    @Test
    void pullsRunOnTheJdkThatTrainedTheirOwnCache() throws Exception {
        Optional<Path> jdk25 = jdk25();
        assumeTrue(jdk25.isPresent(), "no JDK 25 or newer in /usr/lib/jvm: the launcher's AOT path cannot run here");
        Files.createSymbolicLink(target.resolve("aot-jdk"), jdk25.get());
        Path tree = Files.createDirectories(tmp.resolve("tree/d"));
        Files.writeString(tree.resolve("f"), "pulled\n");
        Map<String, String> origin = Map.of("SPFS_STORAGE__ROOT", tmp.resolve("origin").toString());
        Launch commit = launch(origin, "bin/spfs", "commit", "--path", tmp.resolve("tree").toString(), "-t", "t");
        assertEquals("java", commit.java(), "no cache of its own: " + commit.options());
        assertEquals(0, commit.exit(), commit.err());

        Path cache = tmp.resolve("pull.aot");
        Launch record = launch(Map.of("SPK_AOT_RECORD", cache.toString()), "bin/spfs", "pull", "--from",
                "file:" + tmp.resolve("origin"), "t");
        assertEquals(target.resolve("aot-jdk/bin/java").toString(), record.java());
        assertTrue(record.options().contains("-XX:AOTCacheOutput=" + cache), record.options());
        assertTrue(record.options().contains("-XX:+UseSerialGC"), "a pull's own options: " + record.options());
        // (JDK 25 writes the cache from a second JVM, which says on stderr what options it got)
        assertEquals(0, record.exit(), record.err());
        assertTrue(record.out().contains("1 payloads"), record.out());
        assertTrue(Files.size(cache) > 1_000_000, "the JVM wrote the cache");

        Files.move(cache, target.resolve("jspk-pull.aot"));
        Files.setLastModifiedTime(target.resolve("jspk-pull.aot"),
                FileTime.fromMillis(Files.getLastModifiedTime(target.resolve("jspk-cli.jar")).toMillis() + 5_000));
        Launch pull = launch(Map.of("SPFS_STORAGE__ROOT", tmp.resolve("second").toString()), "bin/spfs", "pull",
                "--from", "file:" + tmp.resolve("origin"), "t");
        assertEquals(target.resolve("aot-jdk/bin/java").toString(), pull.java());
        assertTrue(pull.options().contains("-XX:AOTCache=" + target.resolve("jspk-pull.aot")), pull.options());
        assertRanCleanly(pull, "1 payloads");
        // a solve's cache is not a pull's: without jspk.aot, explain stays on the Java on PATH
        assertEquals("java", launch("bin/spk", "explain", "--no-host", "-r",
                clone.resolve("packages/demo-catalog.yaml").toString(), "greeter").java());
        assertEquals("java", launch(Map.of("SPK_NO_AOT", "1"), "bin/spfs", "pull", "--from",
                "file:" + tmp.resolve("origin"), "t").java());
    }

    @Test
    void aDanglingJdkLinkFallsBackToTheJavaOnPath() throws Exception {
        Files.createSymbolicLink(target.resolve("aot-jdk"), tmp.resolve("removed-jdk"));
        archive("jspk.aot", "not a cache", true);
        Launch l = launch("bin/spk", "explain", "--no-host", "-r", clone.resolve("packages/demo-catalog.yaml").toString(),
                "greeter");
        assertEquals("java", l.java());
        assertRanCleanly(l, "greeter");
    }

    /**
     * A host whose temporary folder is {@code noexec} (and a working folder that is read-only):
     * jffi's native stub cannot be copied anywhere it could be loaded from, so runtimes work only
     * because the launcher loads the stub the build unpacked, and without it the command says so
     * in one line. Root never writes a library to a shared folder and loads it back by name.
     */
    @Test
    void theNativeStubComesFromTheBuildNotFromATemporaryCopy() throws Exception {
        Path sealed = Files.createDirectories(tmp.resolve("sealed"));
        String[] command = {"unshare", "-m", "sh", "-c", "mount -t tmpfs -o ro,noexec none \"$0\" && cd \"$0\" && exec \"$1\" run - -- true",
                sealed.toString(), clone.resolve("bin/spfs").toString()};
        Map<String, String> sealedTmp = Map.of("JAVA_OPTS", "-Djava.io.tmpdir=" + sealed);

        Launch without = launch(sealedTmp, command);
        assertFalse(without.options().contains("jffi.boot.library.path"), without.options());
        assertEquals(3, without.exit(), without.err());
        assertTrue(without.err().startsWith("error: cannot make system calls: jffi could not load its native stub"), without.err());
        assertEquals(1, without.err().lines().count(), "one line, no stack trace: " + without.err());

        Path stub = Files.createDirectories(target.resolve("jffi/jni/" + hostType() + "-Linux"));
        extractStub(stub.resolve("libjffi-1.2.so"));
        Launch with = launch(sealedTmp, command);
        assertTrue(with.options().contains("-Djffi.boot.library.path=" + stub), with.options());
        assertEquals(0, with.exit(), with.err());
        assertEquals("", with.err());
    }

    /** bash's name for this machine, which jffi's native jar also uses. */
    private static String hostType() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") ? "x86_64" : arch;
    }

    /** The stub for this machine from jffi's native jar on the test class path, as cli/pom.xml unpacks it. */
    private static void extractStub(Path to) throws IOException {
        String nativeJar = Stream.of(System.getProperty("java.class.path").split(":"))
                .filter(e -> e.matches(".*jffi-[0-9.]+-native\\.jar")).findFirst().orElseThrow();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(nativeJar)) {
            java.util.zip.ZipEntry entry = zip.getEntry("jni/" + hostType() + "-Linux/libjffi-1.2.so");
            try (var in = zip.getInputStream(entry)) {
                Files.copy(in, to);
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Optional<Path> jdk25() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(jvms)) {
            return s.filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .filter(p -> {
                        try {
                            var m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)")
                                    .matcher(Files.readString(p.resolve("release")));
                            return m.find() && Integer.parseInt(m.group(1)) >= 25;
                        } catch (IOException | RuntimeException e) {
                            return false;
                        }
                    })
                    .findFirst();
        }
    }
}
