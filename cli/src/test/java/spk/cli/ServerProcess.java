package spk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code spfs server} as a child process on free loopback ports, serving {@code repo}. */
final class ServerProcess implements AutoCloseable {
    private static final Pattern ADDRESS = Pattern.compile("on (grpc://[0-9.]+:[0-9]+) ");
    final Process process;
    final String address;
    /** The first line it printed: what it serves, and where. */
    final String banner;

    private ServerProcess(Process process, String address, String banner) {
        this.process = process;
        this.address = address;
        this.banner = banner;
    }

    /** Starts it (with {@code options} before the addresses) and waits (bounded) for the line saying where it listens. */
    static ServerProcess start(RuntimeHarness h, Path repo, String... options) throws IOException, InterruptedException {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("server"));
        args.addAll(java.util.List.of(options));
        args.addAll(java.util.List.of("127.0.0.1:0", "127.0.0.1:0"));
        ProcessBuilder pb = h.builder(args.toArray(String[]::new));
        pb.environment().put("SPFS_STORAGE__ROOT", repo.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("spfs server did not say where it listens within 60 s", e);
        }
        Matcher m = line == null ? null : ADDRESS.matcher(line);
        if (m == null || !m.find()) {
            p.destroyForcibly();
            throw new AssertionError("spfs server said: " + line);
        }
        // keep draining what it prints, so it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // it exited
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new ServerProcess(p, m.group(1), line);
    }

    /** SIGKILL: no shutdown, no clean-up, as a crash or the OOM killer would end it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
