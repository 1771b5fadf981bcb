package spk.cli.spk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spfs.encoding.Digest;
import spfs.runtime.JavaCommand;
import spfs.storage.fs.FsRepository;
import spfs.tag.TagSpec;
import spk.builder.BinaryBuilder;
import spk.builder.ScratchFolders;

/**
 * Runs build and test scripts the way SPK does: {@code spfs run --edit} over the layers,
 * {@code bash -ex} (or, for an interactive build, a shell) in the working folder, then, for a
 * build, {@code spfs commit layer} of what it wrote, under a temporary tag removed once read.
 */
final class RuntimeScriptRunner implements BinaryBuilder.ScriptRunner {
    private static final String SPFS_MAIN = "spk.cli.spfs.SpfsMain";

    private final Map<String, String> environment;
    private final FsRepository local;
    private final ScratchFolders scratch;

    /** @param scratch where its work folders and spfs processes are tracked, removed and stopped however a build ends */
    RuntimeScriptRunner(Map<String, String> environment, FsRepository local, ScratchFolders scratch) {
        this.environment = Map.copyOf(environment);
        this.local = local;
        this.scratch = scratch;
    }

    @Override
    public Optional<Digest> run(BinaryBuilder.ScriptRun run) {
        Path work = null;
        try {
            work = scratch.create("spk-build-");
            String tag = "spk-build/" + work.getFileName();
            Files.writeString(work.resolve("script.sh"), run.script());
            List<String> java = spfsCommand();
            Path bin = Files.createDirectories(work.resolve("bin"));
            Files.writeString(bin.resolve("spfs"), "#!/bin/sh\nexec " + String.join(" ", java.stream().map(RuntimeScriptRunner::quote)
                    .toList()) + " \"$@\"\n");
            Files.setAttribute(bin.resolve("spfs"), "unix:mode", 0755);
            String shell = run.interactive() ? interactiveShell()
                    : run.shellOnFailure() ? "bash -ex \"$2\" || { status=$?\n" + shellAfterFailure() + "exit $status; }"
                    : "bash -ex \"$2\"";
            // what the commit says goes to a file: a failed commit is reported in the build's one error line
            Path commitErrors = work.resolve("commit.err");
            Files.writeString(work.resolve("run.sh"), "set -e\ncd \"$1\"\n" + shell + "\n"
                    + (run.commit() ? "spfs commit layer --allow-empty -t " + quote(tag) + " >/dev/null 2>"
                            + quote(commitErrors.toString()) + "\n" : ""));
            List<String> cmd = new ArrayList<>(java);
            cmd.addAll(List.of("run", "--edit", run.layers().isEmpty() ? "-" : String.join("+", run.layers().stream()
                    .map(Digest::toString).toList()), "--", "sh", work.resolve("run.sh").toString(), run.workdir(),
                    work.resolve("script.sh").toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().clear();
            pb.environment().putAll(environment);
            pb.environment().putAll(run.env());
            pb.environment().put("SPFS_STORAGE__ROOT", local.root().toString());
            pb.environment().put("PATH", bin + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
            Process p = scratch.start(pb);
            int exit;
            try {
                exit = p.waitFor();
            } finally {
                scratch.finished(p);
            }
            if (exit != 0) {
                String commit = Files.exists(commitErrors) ? Files.readString(commitErrors).strip() : "";
                if (!commit.isEmpty()) {
                    throw new BinaryBuilder.BuildFailed(run.label() + " failed: its output could not be committed: "
                            + commit.lines().findFirst().orElse("").replaceFirst("^error: ", ""));
                }
                throw new BinaryBuilder.BuildFailed(run.label() + " failed: "
                        + (run.interactive() ? "the shell" : "the script") + " exited with status " + exit);
            }
            if (!run.commit()) {
                return Optional.empty();
            }
            Digest written = local.resolveTag(TagSpec.parse(tag)).target();
            local.removeTagStream(TagSpec.parse(tag));
            return Optional.of(written);
        } catch (IOException e) {
            throw new BinaryBuilder.BuildFailed("cannot run " + run.label() + ": " + spfs.error.IoMessages.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinaryBuilder.BuildFailed(run.label() + " was interrupted");
        } finally {
            if (work != null) {
                scratch.remove(work);
            }
        }
    }

    /** As SPK's interactive build: what to do is said first; exit 0 keeps the build, anything else drops it. */
    private static String interactiveShell() {
        return "echo 'Now entering an interactive build shell' >&2\n"
                + "echo ' - your current directory is the sources area' >&2\n"
                + "echo ' - build and install your artifacts into /spfs' >&2\n"
                + "echo \" - this package's build script can be run with: bash -ex $2\" >&2\n"
                + "echo ' - to cancel and discard this build, run: exit 1' >&2\n"
                + "echo ' - to finalize and save the package, run: exit 0' >&2\n"
                + "bash";
    }

    /** A shell where the failed script left off, its runtime as it was; the build fails whatever it does. */
    private static String shellAfterFailure() {
        return "echo \"The build script failed (exit $status); now entering a shell in its environment\" >&2\n"
                + "echo ' - the current directory, /spfs and the variables are as the script left them' >&2\n"
                + "echo \" - the script can be run again with: bash -ex $2\" >&2\n"
                + "echo ' - exit to leave; the build is not kept' >&2\n"
                + "bash\n";
    }

    /** This JVM's command line, running spfs instead of spk. */
    private static List<String> spfsCommand() {
        List<String> cmd = new ArrayList<>(JavaCommand.current("spk.cli.spk.SpkMain").prefix());
        cmd.set(cmd.size() - 1, SPFS_MAIN);
        return cmd;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
