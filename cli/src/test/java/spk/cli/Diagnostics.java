package spk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a test prints when a process it started hangs: the process tree with the kernel wait
 * channel of each, and the Java stacks of the spfs JVMs, so that a hang on a CI machine can be
 * understood from its log alone.
 */
final class Diagnostics {
    private Diagnostics() {}

    static String report() {
        StringBuilder out = new StringBuilder();
        out.append(command(List.of("ps", "-eo", "pid,ppid,stat,wchan:32,etime,args", "--forest")));
        ProcessHandle.allProcesses()
                .filter(ph -> ph.info().commandLine().map(c -> c.contains("SpfsMain")).orElse(false))
                .forEach(ph -> {
                    out.append("--- kernel stack of ").append(ph.pid()).append('\n');
                    try {
                        out.append(Files.readString(Path.of("/proc", Long.toString(ph.pid()), "stack")));
                    } catch (IOException e) {
                        out.append("(unreadable: ").append(e.getMessage()).append(")\n");
                    }
                    Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
                    if (Files.isExecutable(jstack)) {
                        out.append("--- java stacks of ").append(ph.pid()).append('\n');
                        out.append(command(List.of(jstack.toString(), Long.toString(ph.pid()))));
                    }
                });
        return out.toString();
    }

    private static String command(List<String> argv) {
        try {
            // into a file, not a pipe: a command that hangs must not hang the report
            Path file = Files.createTempFile("diagnostics", ".txt");
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(file.toFile()).start();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            return "(" + argv.get(0) + " failed: " + e.getMessage() + ")\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)\n";
        }
    }
}
