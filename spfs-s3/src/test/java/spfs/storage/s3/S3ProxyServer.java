package spfs.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for tests: S3Proxy (jclouds' filesystem provider, AWS v2/v4
 * signatures) run as a child JVM on 127.0.0.1, its buckets folders under {@code dataDir}. A child
 * process can be killed mid-request, as a real server dies, and started again on the same data.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String IDENTITY = "test-identity";
    public static final String CREDENTIAL = "test-credential-0123456789";
    private static final long START_TIMEOUT_MS = 120_000;

    private final Path dataDir;
    private final int port;
    private Process process;

    private S3ProxyServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts a server keeping its buckets under {@code dataDir} (made if missing). */
    public static S3ProxyServer start(Path dataDir) {
        S3ProxyServer s = new S3ProxyServer(dataDir, freePort());
        s.launch();
        return s;
    }

    private static int freePort() {
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        try {
            Files.createDirectories(dataDir);
            Path props = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
            Files.writeString(props, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + IDENTITY,
                    "s3proxy.credential=" + CREDENTIAL,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dataDir,
                    ""));
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), "org.gaul.s3proxy.Main", "--properties", props.toString()));
            Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (!answers()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + "; see " + log);
                }
                if (System.currentTimeMillis() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT_MS / 1000 + " s; see " + log);
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Makes a bucket (with the filesystem provider, a folder of the data directory). */
    public void createBucket(String name) {
        try {
            Files.createDirectories(dataDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variables that point AWS tools (and s3:// repositories) at this server. */
    public Map<String, String> awsEnvironment() {
        return Map.of("AWS_ENDPOINT_URL", endpoint().toString(), "AWS_ACCESS_KEY_ID", IDENTITY,
                "AWS_SECRET_ACCESS_KEY", CREDENTIAL, "AWS_REGION", "us-east-1");
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again on the same port and data. */
    public void restart() {
        kill();
        launch();
    }

    @Override
    public void close() {
        kill();
    }
}
