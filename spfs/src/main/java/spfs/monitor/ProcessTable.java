package spfs.monitor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import spfs.mount.Linux;

/** The processes of this host and the mount namespace each is in, read from /proc. */
public record ProcessTable(Map<Long, String> namespaces) {
    public ProcessTable {
        namespaces = Map.copyOf(namespaces);
    }

    /** A snapshot; processes we may not inspect (or zombies) have no namespace and are left out. */
    public static ProcessTable scan() {
        Map<Long, String> out = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                String ns = Linux.mountNamespaceOf(name);
                if (ns != null) {
                    out.put(Long.parseLong(name), ns);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a partial table is still a table
        }
        return new ProcessTable(out);
    }

    public boolean isAlive(long pid) {
        return namespaces.containsKey(pid) || Files.isDirectory(Path.of("/proc", Long.toString(pid)));
    }

    /**
     * Whether {@code pid} is alive and, where its namespace is known, in {@code namespace} (on any
     * of its threads): pids wrap, and a runtime record's owner or monitor pid may since belong to
     * an unrelated process, which is not that runtime's.
     */
    public boolean isAliveIn(long pid, java.util.Optional<String> namespace) {
        if (!isAlive(pid)) {
            return false;
        }
        String actual = namespaces.get(pid);
        return actual == null || namespace.isEmpty() || actual.equals(namespace.get()) || anyThreadIn(pid, namespace.get());
    }

    /** Whether any process other than {@code except} is in {@code namespace}. */
    public boolean anyIn(String namespace, long except) {
        for (Map.Entry<Long, String> e : namespaces.entrySet()) {
            if (e.getKey() != except && e.getValue().equals(namespace)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether any thread of process {@code pid} is in {@code namespace}. The launcher enters a
     * runtime's namespace on one thread and stays a multi-threaded JVM until it execs, while
     * /proc/PID/ns/mnt shows only its first thread's namespace: until then it is seen here alone.
     */
    public static boolean anyThreadIn(long pid, String namespace) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : ds) {
                if (namespace.equals(Linux.mountNamespaceOf(pid + "/task/" + t.getFileName()))) {
                    return true;
                }
            }
        } catch (IOException e) {
            // gone, or not ours to inspect
        }
        return false;
    }

    /** Any process in {@code namespace}, or -1. */
    public long anyPidIn(String namespace) {
        for (Map.Entry<Long, String> e : namespaces.entrySet()) {
            if (e.getValue().equals(namespace)) {
                return e.getKey();
            }
        }
        return -1;
    }
}
