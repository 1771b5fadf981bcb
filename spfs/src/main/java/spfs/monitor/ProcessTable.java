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

    /** Whether any process other than {@code except} is in {@code namespace}. */
    public boolean anyIn(String namespace, long except) {
        for (Map.Entry<Long, String> e : namespaces.entrySet()) {
            if (e.getKey() != except && e.getValue().equals(namespace)) {
                return true;
            }
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
