package spfs.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spfs.config.Config;
import spfs.encoding.Digest;
import spfs.error.IoMessages;
import spfs.error.SpfsException;
import spfs.graph.Annotation;
import spfs.graph.AnnotationValue;
import spfs.graph.Blob;
import spfs.graph.EncodingFormat;
import spfs.graph.Layer;
import spfs.mount.Linux;
import spfs.storage.WriteSession;
import spfs.storage.fs.FsRepository;

/**
 * Making and entering runtimes, as a library: {@code spfs run}, {@code spfs shell},
 * {@code spfs enter} and {@code spk env} all call this, never each other's command line (SPK's
 * {@code spk env} likewise calls {@code spk_exec::setup_runtime}). Entering replaces this
 * process with the runtime's command, so it returns only by throwing.
 */
public final class Runtimes {
    private final RuntimeStorage storage;
    private final Config config;
    private final Linux linux;
    private final JavaCommand spfs;
    private final Map<String, String> env;
    private final RuntimeLauncher launcher;

    /**
     * @param spfs how to start the spfs command line in another process (the runtime's monitor,
     *     and {@code spfs enter} inside a user namespace when not root)
     */
    public Runtimes(RuntimeStorage storage, Config config, Linux linux, JavaCommand spfs, Map<String, String> env,
            int renderWorkers) {
        this.storage = storage;
        this.config = config;
        this.linux = linux;
        this.spfs = spfs;
        this.env = Map.copyOf(env);
        this.launcher = new RuntimeLauncher(storage, config, linux, spfs, env, renderWorkers);
    }

    /** Where the runtimes' records live: the local repository, which also holds their layers. */
    public RuntimeStorage storage() {
        return storage;
    }

    /** A new runtime's record for {@code request}, not yet stored; its annotations are written as layers. */
    public RuntimeData create(RuntimeRequest request) {
        if (!request.annotations().isEmpty() && config.newObjects().encoding() == EncodingFormat.LEGACY) {
            throw SpfsException.badInput("invalid-annotation", "annotations need the FlatBuffers encoding format,"
                    + " but storage.encoding_format is Legacy");
        }
        RuntimeData rt = storage.create(request.name(), request.keep(), config.filesystem().backend(),
                config.filesystem().tmpfsSize());
        rt = rt.withConfig(rt.config().withLiveLayers(request.liveLayers())
                .withSecondaryRepositories(config.filesystem().secondaryRepositories()));
        Status status = rt.status();
        for (Digest d : request.stack()) {
            status = status.push(d);
        }
        // pushed in reverse, so that a key given later is found first
        List<Map.Entry<String, String>> notes = new ArrayList<>(request.annotations().entrySet());
        for (int i = notes.size() - 1; i >= 0; i--) {
            status = status.push(annotationLayer(notes.get(i).getKey(), notes.get(i).getValue()));
        }
        return rt.withStatus(status.withEditable(request.editable()).withCommand(request.command()));
    }

    /** A kept runtime that no process uses (or, with {@code force}, one whose record says otherwise), ready to enter again. */
    public RuntimeData rerunnable(String name, boolean force) {
        RuntimeData rt = storage.read(name);
        if (!rt.config().durable()) {
            throw SpfsException.badInput("not-durable", "runtime " + name + " was not kept (run it with --keep-runtime)");
        }
        boolean inUse = rt.status().owner().map(pid -> Files.isDirectory(Path.of("/proc", pid.toString()))).orElse(false);
        if (inUse && !force) {
            throw SpfsException.environment("runtime-busy", "runtime " + name + " is in use by process "
                    + rt.status().owner().get() + "; join it with 'spfs join " + name + "', or use --force", null);
        }
        return rt.withStatus(rt.status().withOwner(Optional.empty()).withMonitor(Optional.empty()).withRunning(false))
                .withConfig(rt.config().withMountNamespace(Optional.empty()));
    }

    /**
     * Enters {@code rt} and replaces this process with its command; returns only by throwing.
     * As root this process mounts the runtime itself; otherwise it stores the record and goes on
     * through a user namespace in which it is root. A runtime this call {@code created} is
     * removed again when it cannot be entered.
     */
    public SpfsException enter(RuntimeData rt, boolean created, long startNanos) {
        if (linux.euid() != 0) {
            storage.put(rt);
            return reenterRootless(rt, created);
        }
        RuntimeLauncher.Prepared p;
        try {
            p = launcher.prepare(rt);
        } catch (RuntimeException e) {
            if (created && storage.exists(rt.name())) {
                storage.remove(rt.name());
            }
            throw e;
        }
        return launcher.launch(p, rt.status().command(), (System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * Without root, the runtime is entered through a user namespace in which we are root:
     * {@code unshare --user --map-root-user --mount} starts {@code spfs enter} there. (The JVM
     * cannot make a user namespace itself: the kernel allows that only to single-threaded processes.)
     */
    private SpfsException reenterRootless(RuntimeData rt, boolean created) {
        try {
            Process probe = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "true")
                    .redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (probe.waitFor() != 0) {
                throw SpfsException.environment("no-permission", "no permission to make a runtime: not root, and user "
                        + "namespaces are not available (" + out + ")", null);
            }
        } catch (IOException e) {
            throw giveUp(rt, created, SpfsException.environment("no-permission", "no permission to make a runtime: not root, "
                    + "and unshare(1) cannot be run: " + IoMessages.describe(e), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw giveUp(rt, created, SpfsException.environment("interrupted", "interrupted", e));
        } catch (RuntimeException e) {
            throw giveUp(rt, created, e);
        }
        List<String> argv = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "--"));
        argv.addAll(spfs.with(List.of("enter", rt.name())));
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        String unshare = Files.isExecutable(Path.of("/usr/bin/unshare")) ? "/usr/bin/unshare" : "/bin/unshare";
        return linux.exec(unshare, argv, envList);
    }

    private RuntimeException giveUp(RuntimeData rt, boolean created, RuntimeException e) {
        if (created) {
            storage.remove(rt.name());
        }
        return e;
    }

    /** A layer of one annotation; values over the size limit are stored as a blob. */
    private Digest annotationLayer(String key, String value) {
        FsRepository repo = storage.repository();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        try (WriteSession w = repo.beginWrite()) {
            AnnotationValue v;
            if (bytes.length > config.annotationSizeLimit()) {
                var payload = w.writePayload(new java.io.ByteArrayInputStream(bytes), -1);
                w.writeObject(new Blob(payload.digest(), payload.size(), config.newObjects()));
                v = new AnnotationValue.BlobRef(payload.digest());
            } else {
                v = new AnnotationValue.Text(value);
            }
            Digest layer = w.writeObject(new Layer(Optional.empty(), List.of(new Annotation(key, v)), config.newObjects()));
            w.flush();
            return layer;
        }
    }
}
