package spfs.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import spfs.commit.DirectoryCommitter;
import spfs.config.Config;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.mount.Linux;
import spfs.mount.MountBackend;
import spfs.mount.OverlayOptions;
import spfs.monitor.Monitor;
import spfs.tracking.DirNode;

/**
 * What a process inside a runtime can do to it: change editability, commit its changes, reset
 * them, make it durable. Each ends in a remount of /spfs: the old mount is detached (open files
 * stay valid) and a new one takes its place, in this process's (the runtime's) namespace.
 */
public final class ActiveRuntime {
    private final RuntimeStorage storage;
    private final RuntimeLauncher launcher;
    private final Linux linux;
    private final Config config;

    public ActiveRuntime(RuntimeStorage storage, RuntimeLauncher launcher, Linux linux, Config config) {
        this.storage = storage;
        this.launcher = launcher;
        this.linux = linux;
        this.config = config;
    }

    /** The runtime {@code SPFS_RUNTIME} names; this process must be inside it. */
    public static RuntimeData current(RuntimeStorage storage, Map<String, String> env) {
        String name = env.get("SPFS_RUNTIME");
        if (name == null || name.isEmpty()) {
            throw SpfsException.badInput("no-active-runtime", "not in an spfs runtime (SPFS_RUNTIME is not set);"
                    + " start one with 'spfs run' or 'spfs shell'");
        }
        RuntimeData rt = storage.read(name);
        String ns = Linux.mountNamespaceOf("self");
        if (rt.config().mountNamespace().isPresent() && ns != null && !ns.equals(rt.config().mountNamespace().get())) {
            throw SpfsException.badInput("not-in-runtime", "this process is not inside runtime " + name
                    + " (SPFS_RUNTIME is set, but the mount namespace differs); use 'spfs join " + name + "'");
        }
        return rt;
    }

    /** The merged tree of the runtime's stack. */
    public DirNode lowerTree(RuntimeData rt) {
        return StackLayers.mergedTree(storage.repository(), StackLayers.manifests(storage.repository(), rt.status().stack()));
    }

    public UpperDir upperDir(RuntimeData rt) {
        return new UpperDir(rt.config().upperDir(), options().xattrPrefix(), linux);
    }

    private OverlayOptions options() {
        return OverlayOptions.detect(RuntimeLauncher.inUserNamespace());
    }

    /** Sets editability (and saves) then remounts. */
    public RuntimeData setEditable(RuntimeData rt, boolean editable) {
        requireUpper(rt, editable ? "made editable" : "remounted");
        RuntimeData next = storage.update(rt.name(), cur -> cur.withStatus(cur.status().withEditable(editable)));
        return remount(next, false);
    }

    /**
     * Commits the upper directory as a layer on top of the stack; the runtime becomes read-only.
     * The upper directory is emptied: the new top layer holds exactly what it held.
     */
    public Commit commitLayer(RuntimeData rt, int workers) {
        return commitLayer(rt, workers, false);
    }

    /** @param allowEmpty commit even when nothing changed (an empty layer), as spfs's {@code --allow-empty} */
    public Commit commitLayer(RuntimeData rt, int workers, boolean allowEmpty) {
        requireUpper(rt, "committed");
        if (!rt.status().editable()) {
            throw SpfsException.badInput("not-editable", "runtime " + rt.name()
                    + " is not editable, so there is nothing to commit; use 'spfs edit' first");
        }
        DirNode lower = lowerTree(rt);
        UpperDir upper = upperDir(rt);
        DirectoryCommitter.Result r = new DirectoryCommitter(storage.repository(), config.newObjects(), workers)
                .commit(rt.config().upperDir(), walked -> upper.adjust(walked, lower));
        Digest layer = r.layer().digest();
        List<Digest> stack = rt.status().stack();
        if (!allowEmpty && (r.tree().children().isEmpty() || (!stack.isEmpty() && stack.get(stack.size() - 1).equals(layer)))) {
            throw SpfsException.notFound("nothing-to-commit", "nothing to commit: /spfs has no changes");
        }
        RuntimeData next = storage.update(rt.name(), cur -> cur.withStatus(cur.status().push(layer).withEditable(false)));
        return new Commit(remount(next, true), layer, r.files());
    }

    /** A commit's outcome: the runtime after it, the new layer and how many files it holds. */
    public record Commit(RuntimeData runtime, Digest layer, long files) {}

    /** Deletes upper-directory entries (see {@link UpperDir#reset}), optionally replaces the stack, remounts. */
    public RuntimeData reset(RuntimeData rt, List<String> patterns, Optional<List<Digest>> newStack, boolean edit) {
        requireUpper(rt, "reset");
        List<String> removed = upperDir(rt).reset(patterns);
        RuntimeData next = storage.update(rt.name(), cur -> {
            Status s = newStack.map(cur.status()::withStack).orElse(cur.status());
            return cur.withStatus(edit ? s.withEditable(true) : s);
        });
        if (removed.isEmpty() && newStack.isEmpty() && !edit) {
            return next;
        }
        return remount(next, false);
    }

    /**
     * Replaces the runtime's stack (SPK's {@code spk install}: the layers of a new solve) and
     * remounts; unlike a reset, the changes in the upper directory stay.
     */
    public RuntimeData replaceStack(RuntimeData rt, List<Digest> stack) {
        RuntimeData next = storage.update(rt.name(), cur -> cur.withStatus(cur.status().withStack(stack)));
        return remount(next, false);
    }

    /**
     * Moves the upper directory into the repository (durable_edits/NAME) so that the runtime and
     * its changes outlive its processes and can be rerun.
     */
    public RuntimeData makeDurable(RuntimeData rt) {
        requireUpper(rt, "made durable");
        if (rt.config().durable()) {
            return rt;
        }
        Path root = storage.durablePath(rt.name());
        Path upper = root.resolve("upper");
        Path work = root.resolve("work");
        RuntimeMounts.makeDurableDirs(upper, work, linux.euid());
        try {
            // cp keeps whiteouts (device nodes), modes and links exactly
            Process cp = new ProcessBuilder("cp", "-a", rt.config().upperDir() + "/.", upper.toString())
                    .redirectErrorStream(true).start();
            String out = new String(cp.getInputStream().readAllBytes());
            if (cp.waitFor() != 0) {
                throw SpfsException.environment("io", "cannot copy the upper directory: " + out.trim(), null);
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot copy the upper directory: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SpfsException.environment("interrupted", "interrupted", e);
        }
        RuntimeData next = storage.update(rt.name(),
                cur -> cur.withConfig(cur.config().withUpperAndWork(upper, work).withDurable(true)));
        return remount(next, false);
    }

    private static void requireUpper(RuntimeData rt, String what) {
        if (!rt.config().mountBackend().hasUpperDir()) {
            throw SpfsException.badInput("read-only-backend", "runtime " + rt.name() + " uses the "
                    + rt.config().mountBackend().name() + " backend, which is read-only and cannot be " + what);
        }
    }

    /**
     * Mounts /spfs again for the record as it is now (stack, editability, upper directory):
     * renders what is new, detaches the old mount, re-applies masks and mounts.
     */
    public RuntimeData remount(RuntimeData rt, boolean clearUpper) {
        String ns = Linux.mountNamespaceOf("self");
        if (rt.config().mountNamespace().isPresent() && !rt.config().mountNamespace().get().equals(ns)) {
            throw SpfsException.badInput("not-in-runtime", "only a process inside runtime " + rt.name() + " can remount it");
        }
        RuntimeMounts mounts = new RuntimeMounts(linux, options());
        RuntimeConfig c = rt.config();
        MountBackend backend = c.mountBackend();
        RuntimeData next = rt;
        if (backend instanceof MountBackend.OverlayFsWithRenders) {
            RuntimeLauncher.Prepared p = launcher.prepare(rt, false);
            Set<Digest> flattened = p.runtime().status().flattenedLayers();
            next = storage.update(rt.name(), cur -> cur.withStatus(cur.status().withFlattened(flattened)));
            mounts.unmountSpfs();
            if (clearUpper) {
                DirectoryRemoval.clear(c.upperDir());
            }
            Masks.apply(p.merged(), c.upperDir(), linux);
            mounts.mountOverlay(c, p.rendersTopFirst(), next.status().editable());
        } else if (backend instanceof MountBackend.OverlayFsWithFuse) {
            Path lower = c.runtimeDir().resolve("lower-" + UUID.randomUUID());
            RuntimeMounts.makeDirs(lower);
            // the monitor serves the stack it reads from the record, which the caller has stored
            Monitor.requestFuseMount(c.runtimeDir(), lower);
            next = storage.update(rt.name(), cur -> cur.withConfig(cur.config().withLowerDir(lower)));
            mounts.unmountSpfs();
            if (clearUpper) {
                DirectoryRemoval.clear(c.upperDir());
            }
            mounts.mountOverlay(next.config(), List.of(), next.status().editable());
        } else {
            mounts.unmountSpfs();
            Monitor.requestFuseMount(c.runtimeDir(), mounts.spfsDir());
        }
        mounts.bindLiveLayers(next.config().liveLayers());
        return next;
    }
}
