package spfs.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to start another spfs process (monitor, rootless re-entry) with the same JVM, options and
 * class path as this one: the prefix of this process's own command line up to the main class,
 * read from /proc/self/cmdline, so a class-data archive and GC choices carry over.
 */
public record JavaCommand(List<String> prefix) {
    public JavaCommand {
        prefix = List.copyOf(prefix);
    }

    /**
     * This JVM's command line up to its main class, which must be {@code mainClass} or one of
     * {@code alsoRunningAs} (spk starting spfs's monitor, say), with {@code mainClass} in its place.
     */
    public static JavaCommand current(String mainClass, String... alsoRunningAs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<String> parts = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    parts.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            Optional<JavaCommand> own = fromCommandLine(parts, mainClass, java);
            for (int i = 0; own.isEmpty() && i < alsoRunningAs.length; i++) {
                own = fromCommandLine(parts, alsoRunningAs[i], java).map(c -> c.withMain(mainClass));
            }
            if (own.isPresent()) {
                return own.get();
            }
        } catch (IOException e) {
            // fall through to a plain command line
        }
        return new JavaCommand(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), mainClass));
    }

    /**
     * The prefix of a JVM command line up to {@code mainClass}, run by {@code java}; empty when
     * the main class is not on it.
     */
    static Optional<JavaCommand> fromCommandLine(List<String> parts, String mainClass, String java) {
        int main = parts.indexOf(mainClass);
        if (main <= 0) {
            return Optional.empty();
        }
        List<String> prefix = new ArrayList<>(parts.subList(0, main + 1));
        // options that write a file for this one process (a class list recorded for the
        // class-data archive or an AOT cache, a log file) would have the child overwrite ours
        prefix.removeIf(o -> o.startsWith("-XX:DumpLoadedClassList=") || o.startsWith("-XX:ArchiveClassesAtExit=")
                || o.startsWith("-XX:AOTCacheOutput=") || o.startsWith("-XX:AOTConfiguration=")
                || o.startsWith("-XX:AOTMode=") || (o.startsWith("-Xlog:") && o.contains(":file=")));
        prefix.set(0, java);
        return Optional.of(new JavaCommand(prefix));
    }

    private JavaCommand withMain(String mainClass) {
        List<String> p = new ArrayList<>(prefix);
        p.set(p.size() - 1, mainClass);
        return new JavaCommand(p);
    }

    /** The full command line for {@code args}, with the user name pinned (a user namespace maps us to root). */
    public List<String> with(List<String> args) {
        List<String> out = new ArrayList<>(prefix.subList(0, 1));
        out.add("-Duser.name=" + System.getProperty("user.name"));
        out.addAll(prefix.subList(1, prefix.size()));
        out.addAll(args);
        return out;
    }
}
