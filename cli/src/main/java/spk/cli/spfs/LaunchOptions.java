package spk.cli.spfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.graph.Annotation;
import spfs.graph.AnnotationValue;
import spfs.graph.Blob;
import spfs.graph.EncodingFormat;
import spfs.graph.Layer;
import spfs.mount.Linux;
import spfs.runtime.EnvSpec;
import spfs.runtime.JavaCommand;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeLauncher;
import spfs.runtime.RuntimeStorage;
import spfs.storage.fs.FsRepository;

/** Options and steps shared by {@code spfs run} and {@code spfs shell}. */
abstract class LaunchOptions {
    @Spec
    CommandSpec spec;

    @Option(names = {"-e", "--edit"}, description = "Mount /spfs writable (the default for an empty REF).")
    boolean edit;

    @Option(names = "--no-edit", description = "Mount /spfs read-only, even for an empty REF.")
    boolean noEdit;

    @Option(names = {"-k", "--keep-runtime"}, description = "Keep the runtime (and its changes) after it exits, "
            + "to run it again with --rerun (also SPFS_KEEP_RUNTIME).")
    boolean keepRuntime;

    @Option(names = "--runtime-name", paramLabel = "NAME", description = "Name the runtime (default: a random id).")
    String runtimeName;

    @Option(names = "--rerun", paramLabel = "NAME", description = "Run a kept (durable) runtime again.")
    String rerun;

    @Option(names = "--force", description = "With --rerun: take over a runtime whose record says it is in use.")
    boolean force;

    @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "Annotate the runtime (KEY=VALUE, "
            + "KEY:VALUE or a YAML mapping; repeatable).")
    List<String> annotations = new ArrayList<>();

    @Option(names = "--annotation-file", paramLabel = "FILE", description = "Annotations from a YAML/JSON file ('-': stdin).")
    List<String> annotationFiles = new ArrayList<>();

    /** Creates (or reloads) the runtime, mounts it and replaces this process with {@code command}. */
    Integer launch(List<String> refs, List<String> command) {
        long t0 = System.nanoTime();
        SpfsContext ctx = SpfsContext.of(spec);
        Map<String, String> env = ctx.environment();
        boolean keep = keepRuntime || isTrue(env.get("SPFS_KEEP_RUNTIME"));
        Linux linux = RuntimeSupport.linuxForLaunch();
        RuntimeStorage storage = RuntimeSupport.storage(ctx);
        FsRepository repo = storage.repository();
        RuntimeData rt;
        boolean created;
        if (rerun != null) {
            rt = rerunnable(storage, rerun);
            created = false;
        } else {
            if (edit && noEdit) {
                throw SpfsException.badInput("usage", "--edit and --no-edit contradict each other");
            }
            EnvSpec envSpec = EnvSpec.parse(refs);
            List<Digest> digests = RuntimeSupport.resolve(ctx, repo, envSpec.refs());
            Map<String, String> notes = annotations(ctx);
            rt = storage.create(Optional.ofNullable(runtimeName), keep, ctx.config().filesystem().backend(),
                    ctx.config().filesystem().tmpfsSize());
            rt = rt.withConfig(rt.config().withLiveLayers(envSpec.liveLayers())
                    .withSecondaryRepositories(ctx.config().filesystem().secondaryRepositories()));
            var status = rt.status();
            for (Digest d : digests) {
                status = status.push(d);
            }
            // pushed in reverse, so that a key given later on the command line is found first
            List<Map.Entry<String, String>> entries = new ArrayList<>(notes.entrySet());
            for (int i = entries.size() - 1; i >= 0; i--) {
                status = status.push(annotationLayer(ctx, repo, entries.get(i).getKey(), entries.get(i).getValue()));
            }
            rt = rt.withStatus(status.withEditable(envSpec.isEmpty() && !noEdit));
            created = true;
        }
        if (edit) {
            rt = rt.withStatus(rt.status().withEditable(true));
        } else if (noEdit) {
            rt = rt.withStatus(rt.status().withEditable(false));
        }
        rt = rt.withStatus(rt.status().withCommand(command));
        double syncSeconds = (System.nanoTime() - t0) / 1e9;
        ctx.out().flush();
        ctx.err().flush();
        if (linux.euid() != 0) {
            storage.put(rt);
            throw reenterRootless(rt, storage, created, env);
        }
        RuntimeLauncher launcher = RuntimeSupport.launcher(ctx, storage, linux);
        RuntimeLauncher.Prepared p;
        try {
            p = launcher.prepare(rt);
        } catch (RuntimeException e) {
            if (created && storage.exists(rt.name())) {
                storage.remove(rt.name());
            }
            throw e;
        }
        throw launcher.launch(p, command, syncSeconds);
    }

    /** A kept runtime that is not in use (or is taken over with --force). */
    private RuntimeData rerunnable(RuntimeStorage storage, String name) {
        RuntimeData rt = storage.read(name);
        if (!rt.config().durable()) {
            throw SpfsException.badInput("not-durable", "runtime " + name + " was not kept (run it with --keep-runtime)");
        }
        boolean inUse = rt.status().owner().map(pid -> java.nio.file.Files.isDirectory(Path.of("/proc", pid.toString())))
                .orElse(false);
        if (inUse && !force) {
            throw SpfsException.environment("runtime-busy", "runtime " + name + " is in use by process "
                    + rt.status().owner().get() + "; join it with 'spfs join " + name + "', or use --force", null);
        }
        return rt.withStatus(rt.status().withOwner(Optional.empty()).withMonitor(Optional.empty()).withRunning(false))
                .withConfig(rt.config().withMountNamespace(Optional.empty()));
    }

    /**
     * Without root, the runtime is entered through a user namespace in which we are root:
     * {@code unshare --user --map-root-user --mount} starts {@code spfs enter} there. (The JVM
     * cannot make a user namespace itself: the kernel allows that only to single-threaded processes.)
     */
    private SpfsException reenterRootless(RuntimeData rt, RuntimeStorage storage, boolean created, Map<String, String> env) {
        Linux linux = RuntimeSupport.linuxForLaunch();
        try {
            Process probe = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "true")
                    .redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (probe.waitFor() != 0) {
                throw SpfsException.environment("no-permission", "no permission to make a runtime: not root, and user "
                        + "namespaces are not available (" + out + ")", null);
            }
        } catch (IOException e) {
            throw SpfsException.environment("no-permission", "no permission to make a runtime: not root, and "
                    + "unshare(1) cannot be run: " + spfs.error.IoMessages.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SpfsException.environment("interrupted", "interrupted", e);
        } catch (RuntimeException e) {
            if (created) {
                storage.remove(rt.name());
            }
            throw e;
        }
        List<String> argv = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "--"));
        argv.addAll(JavaCommand.current(RuntimeSupport.MAIN).with(List.of("enter", rt.name())));
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        String unshare = Files.isExecutable(Path.of("/usr/bin/unshare")) ? "/usr/bin/unshare" : "/bin/unshare";
        return linux.exec(unshare, argv, envList);
    }

    private Map<String, String> annotations(SpfsContext ctx) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String f : annotationFiles) {
            String text;
            try {
                text = f.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(f));
            } catch (IOException e) {
                throw SpfsException.badInput("invalid-annotation", "cannot read annotation file " + f + ": " + spfs.error.IoMessages.describe(e));
            }
            data.putAll(yamlMap(text, "annotation file " + f));
        }
        for (String a : annotations) {
            String t = a.trim();
            if (t.startsWith("{")) {
                data.putAll(yamlMap(t, "--annotation " + t));
                continue;
            }
            int eq = t.indexOf('=');
            int colon = t.indexOf(':');
            int at = eq >= 0 ? eq : colon;
            if (at <= 0) {
                throw SpfsException.badInput("invalid-annotation", "invalid --annotation '" + a + "' (use KEY=VALUE)");
            }
            data.put(t.substring(0, at), t.substring(at + 1));
        }
        if (!data.isEmpty() && ctx.config().newObjects().encoding() == EncodingFormat.LEGACY) {
            throw SpfsException.badInput("invalid-annotation", "annotations need the FlatBuffers encoding format,"
                    + " but storage.encoding_format is Legacy");
        }
        return data;
    }

    private static Map<String, String> yamlMap(String text, String whatInFull) {
        // the text may be the whole command-line argument: one line of it is enough to say which
        String what = whatInFull.length() > 80 ? whatInFull.substring(0, 60) + "..." : whatInFull;
        Object o;
        try {
            o = new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (RuntimeException e) {
            throw SpfsException.badInput("invalid-annotation", "cannot read " + what + ": " + spfs.error.IoMessages.describe(e));
        } catch (StackOverflowError e) {
            // SnakeYAML Engine composes nested collections recursively and has no depth limit
            throw SpfsException.badInput("invalid-annotation", "cannot read " + what + ": its collections nest too deeply");
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw SpfsException.badInput("invalid-annotation", what + " is not a mapping of keys to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    /** A layer of one annotation; values over the size limit are stored as a blob. */
    private static Digest annotationLayer(SpfsContext ctx, FsRepository repo, String key, String value) {
        AnnotationValue v;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ctx.config().annotationSizeLimit()) {
            var w = repo.writePayload(new java.io.ByteArrayInputStream(bytes), -1);
            repo.writeObject(new Blob(w.digest(), w.size(), ctx.config().newObjects()));
            v = new AnnotationValue.BlobRef(w.digest());
        } else {
            v = new AnnotationValue.Text(value);
        }
        return repo.writeObject(new Layer(Optional.empty(), List.of(new Annotation(key, v)), ctx.config().newObjects()));
    }

    private static boolean isTrue(String v) {
        return v != null && !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }
}
