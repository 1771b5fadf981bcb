package spfs.storage.rpc;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import spfs.error.IoMessages;
import spfs.error.SpfsException;
import spfs.storage.Repository;

/**
 * {@code spfs server}: one repository served to spfs clients over spfs's protocol, gRPC for
 * objects, tags and payload metadata (services {@code spfs.Repository}, {@code
 * spfs.DatabaseService}, {@code spfs.TagService}, {@code spfs.PayloadService}, plaintext HTTP/2)
 * and HTTP/1.1 for payload bytes ({@link PayloadServer}). Every call is answered on its own; a
 * failing or malformed one never stops the server.
 */
public final class SpfsServer implements AutoCloseable {
    /** Messages up to this size are read (manifests of very large layers run to tens of MB). */
    static final int MAX_MESSAGE_BYTES = 256 << 20;

    /**
     * Netty logs every connection that does not speak HTTP/2 (a port scanner, garbage) with a
     * stack trace; the server answers those by closing them, which needs no log. Held here so
     * the logging framework (which keeps loggers weakly) does not drop the setting.
     */
    private static final java.util.logging.Logger CONNECTION_LOG =
            java.util.logging.Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler");
    private static final java.util.logging.Logger TRANSPORT_LOG =
            java.util.logging.Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport");
    /** Where gRPC reports a call it dropped (a request that is not protobuf): one line, no trace. */
    private static final java.util.logging.Logger CALL_LOG = java.util.logging.Logger.getLogger("io.grpc.internal.SerializingExecutor");

    private final Server grpc;
    private final PayloadServer http;
    private final PayloadsRoot root;

    private SpfsServer(Server grpc, PayloadServer http, PayloadsRoot root) {
        this.grpc = grpc;
        this.http = http;
        this.root = root;
    }

    /**
     * Serves {@code repository} on the two addresses (port 0 picks a free one). Without a payloads
     * root, clients are told to use the HTTP address as bound.
     */
    public static SpfsServer start(Repository repository, InetSocketAddress grpcAddress, InetSocketAddress httpAddress,
            Optional<PayloadsRoot> payloadsRoot) {
        ServedRepository served = new ServedRepository(repository);
        CONNECTION_LOG.setLevel(java.util.logging.Level.SEVERE);
        TRANSPORT_LOG.setLevel(java.util.logging.Level.SEVERE);
        if (CALL_LOG.getUseParentHandlers()) {
            CALL_LOG.setUseParentHandlers(false);
            CALL_LOG.addHandler(new OneLineLog());
        }
        PayloadServer http;
        try {
            http = PayloadServer.start(httpAddress, new PayloadHttp(served));
        } catch (IOException e) {
            throw cannotListen(httpAddress, e);
        }
        InetSocketAddress boundHttp = http.address();
        PayloadsRoot root = payloadsRoot.orElseGet(() -> new PayloadsRoot(URI.create("http://"
                + hostFor(boundHttp) + ":" + boundHttp.getPort())));
        Server grpc = NettyServerBuilder.forAddress(grpcAddress, InsecureServerCredentials.create())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .addService(new PingEndpoint())
                .addService(new DatabaseEndpoint(served))
                .addService(new TagEndpoint(served))
                .addService(new PayloadEndpoint(served, root))
                .build();
        try {
            grpc.start();
        } catch (IOException e) {
            http.close();
            throw cannotListen(grpcAddress, e);
        }
        return new SpfsServer(grpc, http, root);
    }

    /**
     * {@code HOST:PORT} ({@code [::1]:PORT} for IPv6) as the command line gives it; a bad one is
     * bad input naming {@code what}.
     */
    public static InetSocketAddress listenAddress(String text, String what) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            throw SpfsException.badInput("invalid-address", "invalid " + what + " '" + text + "': expected HOST:PORT, "
                    + "e.g. 127.0.0.1:7737");
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw SpfsException.badInput("invalid-address", "invalid " + what + " '" + text + "': unknown host '" + host + "'");
        }
        return a;
    }

    /** A log record as one line on standard error: the message and what was thrown. */
    private static final class OneLineLog extends java.util.logging.Handler {
        @Override
        public void publish(java.util.logging.LogRecord r) {
            Throwable t = r.getThrown();
            while (t != null && t.getCause() != null) {
                t = t.getCause();
            }
            System.err.println("spfs server: a call was dropped: " + (t == null ? r.getMessage() : t.getMessage()));
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            // standard error stays open
        }
    }

    /** A wildcard bind is reached by this host's name; a specific one by that address. */
    private static String hostFor(InetSocketAddress bound) {
        if (!bound.getAddress().isAnyLocalAddress()) {
            String a = bound.getAddress().getHostAddress();
            return a.contains(":") ? "[" + a + "]" : a;
        }
        return spfs.config.HostName.current();
    }

    private static SpfsException cannotListen(InetSocketAddress address, IOException e) {
        Throwable t = e.getCause() != null && e.getCause() instanceof IOException io ? io : e;
        return SpfsException.environment("cannot-listen", "cannot listen on " + address.getHostString() + ":"
                + address.getPort() + ": " + (t instanceof IOException io ? IoMessages.describe(io) : t.getMessage()), e);
    }

    public InetSocketAddress grpcAddress() {
        return (InetSocketAddress) grpc.getListenSockets().get(0);
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    /** Connections open to the HTTP side now (being answered, or kept alive between requests). */
    int openHttpConnections() {
        return http.openConnections();
    }

    public PayloadsRoot payloadsRoot() {
        return root;
    }

    /** Blocks until the server is closed (by {@link #close} from another thread). */
    public void awaitTermination() throws InterruptedException {
        grpc.awaitTermination();
    }

    /** Stops taking calls, lets running ones finish for a moment, then stops. */
    @Override
    public void close() {
        grpc.shutdown();
        http.close();
        try {
            if (!grpc.awaitTermination(5, TimeUnit.SECONDS)) {
                grpc.shutdownNow();
            }
        } catch (InterruptedException e) {
            grpc.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
