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
import spfs.mount.Linux;
import spfs.runtime.EnvSpec;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeRequest;
import spfs.runtime.Runtimes;

/** The options {@code spfs run} and {@code spfs shell} share, turned into a {@link RuntimeRequest}. */
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
        // bound while the configuration, the refs and the stack are read
        Linux linux = RuntimeSupport.linuxForLaunch(spec);
        SpfsContext ctx = SpfsContext.of(spec);
        boolean keep = keepRuntime || isTrue(ctx.environment().get("SPFS_KEEP_RUNTIME"));
        Runtimes runtimes = RuntimeSupport.runtimes(ctx, linux);
        RuntimeData rt;
        boolean created = rerun == null;
        if (rerun != null) {
            rt = runtimes.rerunnable(rerun, force);
        } else {
            if (edit && noEdit) {
                throw SpfsException.badInput("usage", "--edit and --no-edit contradict each other");
            }
            EnvSpec envSpec = EnvSpec.parse(refs);
            List<Digest> digests = RuntimeSupport.resolve(ctx, RuntimeSupport.storage(ctx).repository(), envSpec.refs());
            rt = runtimes.create(new RuntimeRequest(digests, envSpec.liveLayers(), envSpec.isEmpty() && !noEdit, keep,
                    Optional.ofNullable(runtimeName), annotations(), command));
        }
        if (edit || noEdit) {
            rt = rt.withStatus(rt.status().withEditable(edit));
        }
        rt = rt.withStatus(rt.status().withCommand(command));
        ctx.out().flush();
        ctx.err().flush();
        throw runtimes.enter(rt, created, t0);
    }

    private Map<String, String> annotations() {
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

    private static boolean isTrue(String v) {
        return v != null && !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }
}
