package spk.cli.spk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spfs.encoding.Digest;
import spfs.runtime.JavaCommand;
import spfs.storage.fs.FsRepository;
import spfs.tag.TagSpec;
import spk.builder.BinaryBuilder;
import spk.builder.ScratchFolders;
import spk.grammar.ident.BuildIdent;

/**
 * Runs a build script the way {@code spk build} does: {@code spfs run --edit} over the build
 * environment's layers, {@code bash -ex} in a scratch folder, then {@code spfs commit layer} of
 * what the script wrote, under a temporary tag that is removed once read.
 */
final class RuntimeScriptRunner implements BinaryBuilder.ScriptRunner {
    private static final String SPFS_MAIN = "spk.cli.spfs.SpfsMain";

    private final Map<String, String> environment;
    private final FsRepository local;

    RuntimeScriptRunner(Map<String, String> environment, FsRepository local) {
        this.environment = Map.copyOf(environment);
        this.local = local;
    }

    @Override
    public Digest run(BuildIdent build, List<Digest> layers, String script, Map<String, String> env, Path sources,
            ScratchFolders scratch) {
        Path work = null;
        String tag = "spk-build/" + build.name().value() + "/" + build.version().toTagPath() + "/" + build.build();
        try {
            work = scratch.create("spk-build-");
            Files.writeString(work.resolve("build.sh"), script);
            List<String> java = spfsCommand();
            Path bin = Files.createDirectories(work.resolve("bin"));
            Files.writeString(bin.resolve("spfs"), "#!/bin/sh\nexec " + String.join(" ", java.stream().map(RuntimeScriptRunner::quote)
                    .toList()) + " \"$@\"\n");
            Files.setAttribute(bin.resolve("spfs"), "unix:mode", 0755);
            Path commitErrors = work.resolve("commit.err");
            Files.writeString(work.resolve("run.sh"), "set -e\ncd \"$1\"\nbash -ex \"$2\"\nspfs commit layer -t "
                    + quote(tag) + " >/dev/null 2>" + quote(commitErrors.toString()) + "\n");
            List<String> cmd = new ArrayList<>(java);
            cmd.addAll(List.of("run", "--edit", layers.isEmpty() ? "-" : String.join("+", layers.stream().map(Digest::toString)
                    .toList()), "--", "sh", work.resolve("run.sh").toString(), sources.toString(),
                    work.resolve("build.sh").toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().clear();
            pb.environment().putAll(environment);
            pb.environment().putAll(env);
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
                if (commit.contains("nothing to commit")) {
                    throw new BinaryBuilder.BuildFailed("the build of " + build + " installed no files under /spfs "
                            + "(its script must install into $PREFIX, which is /spfs)");
                }
                throw new BinaryBuilder.BuildFailed("the build of " + build + " failed (exit " + exit + ")"
                        + (commit.isEmpty() ? "" : ": " + commit.lines().findFirst().orElse("").replaceFirst("^error: ", "")));
            }
            Digest written = local.resolveTag(TagSpec.parse(tag)).target();
            local.removeTagStream(TagSpec.parse(tag));
            return written;
        } catch (IOException e) {
            throw new BinaryBuilder.BuildFailed("cannot run the build of " + build + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinaryBuilder.BuildFailed("interrupted while building " + build);
        } finally {
            if (work != null) {
                scratch.remove(work);
            }
        }
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
