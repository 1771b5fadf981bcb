package spk.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import spfs.runtime.DirectoryRemoval;

/**
 * The scratch folders of one build ({@code spk-build-*}, {@code spk-sources-*} under the
 * temporary directory) and the processes working in them. They are removed however the build
 * ends: when each is done, when the build fails, and on Ctrl-C or SIGTERM, where the JVM runs
 * shutdown hooks but no {@code finally} block; the processes are stopped first, so nothing
 * writes into a folder while it is removed.
 */
public final class ScratchFolders implements AutoCloseable {
    private static final long STOP_WAIT_SECONDS = 5;

    private final Set<Path> folders = ConcurrentHashMap.newKeySet();
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final Thread hook = new Thread(this::removeAll, "spk-scratch-cleanup");
    /** One remover at a time: the build's own finally and the shutdown hook meet when a signal ends a build. */
    private final Object removal = new Object();

    public ScratchFolders() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A new, empty folder {@code PREFIX*} in the temporary directory, removed at the latest when this closes. */
    public Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        folders.add(dir);
        return dir;
    }

    /** Removes a folder made by {@link #create} now that it is no longer needed. */
    public void remove(Path dir) {
        synchronized (removal) {
            DirectoryRemoval.removeTree(dir);
            folders.remove(dir);
        }
    }

    /** Starts {@code pb}; the process (and what it started) is stopped if the build ends before it does. */
    public Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** The process has ended (or was waited for). */
    public void finished(Process p) {
        processes.remove(p);
    }

    private void removeAll() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        for (Path dir : folders) {
            remove(dir);
        }
    }

    /** Removes what is left; the shutdown hook is no longer needed. */
    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }
}
