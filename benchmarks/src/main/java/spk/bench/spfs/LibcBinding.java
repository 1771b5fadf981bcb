package spk.bench.spfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spfs.mount.Linux;
import spfs.mount.MountException;

/**
 * What {@code spfs run} asks of libc, alone in a fresh JVM, for timing the binding from the
 * outside (benchmarks/spfs/libc-binding.sh, one JVM per run): {@code bind} binds and makes one
 * call; {@code exec} also fails a mount (errno by name), then marks descriptors close-on-exec and
 * execs {@code /bin/true} with this process's environment, as a launch ends.
 */
public final class LibcBinding {
    private LibcBinding() {}

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "bind";
        Linux linux = mode.equals("background") ? Linux.loadInBackground() : Linux.load();
        if (linux.euid() < 0) {
            throw new IllegalStateException("no effective user id");
        }
        if (mode.equals("bind")) {
            return;
        }
        try {
            linux.mount("none", "/nonexistent/spfs-bench", "tmpfs", 0, null, "a tmpfs");
        } catch (MountException e) {
            if (e.errno() == 0) {
                throw e;
            }
        }
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        throw linux.exec("/bin/true", List.of("true", "--spfs", "bench"), env);
    }
}
