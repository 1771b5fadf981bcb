package spfs.storage.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.HttpProcessors;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The server's HTTP/1.1 side, on HttpCore's classic server: a thread per connection reads a
 * request, answers it and reads the next on the same connection. A pull sends one GET per
 * payload (thousands, most a few KB) on a few kept-alive connections; a selector-based server
 * hands each request to a worker and the connection back to its selector, which cost the server
 * more CPU than the bytes (docs/benchmarks.md). Bounded for a shared host: at most
 * {@value #MAX_CONNECTIONS} connections at once (more wait in the backlog), a connection that
 * sends nothing for {@value #IDLE_TIMEOUT_MS} ms is closed, and a request line or header line may
 * be at most {@value #MAX_LINE} bytes and a request have at most {@value #MAX_HEADERS} headers
 * (else refused, 400 or 431, and the connection closed). HttpCore answers what is not HTTP/1 with a
 * 400 (or 505) too.
 */
final class PayloadServer implements AutoCloseable {
    static final int MAX_CONNECTIONS = 256;
    static final int IDLE_TIMEOUT_MS = 60_000;
    static final int MAX_LINE = 8 << 10;
    static final int MAX_HEADERS = 100;
    private static final int BACKLOG = 256;
    private static final int BUFFER = 32 << 10;

    private final HttpServer http;
    private final CappedServerSockets sockets;

    private PayloadServer(HttpServer http, CappedServerSockets sockets) {
        this.http = http;
        this.sockets = sockets;
    }

    /** Listens on {@code address} (port 0 picks one) and serves every request with {@code handler}. */
    static PayloadServer start(InetSocketAddress address, HttpRequestHandler handler) throws IOException {
        return start(address, handler, MAX_CONNECTIONS);
    }

    /** As {@link #start(InetSocketAddress, HttpRequestHandler)}, with at most {@code maxConnections} at once. */
    static PayloadServer start(InetSocketAddress address, HttpRequestHandler handler, int maxConnections)
            throws IOException {
        CappedServerSockets sockets = new CappedServerSockets(maxConnections);
        HttpServer http = ServerBootstrap.bootstrap()
                .setLocalAddress(address.getAddress())
                .setListenerPort(address.getPort())
                // every path and host is the one handler's: no lookup of this host's name
                .setCanonicalHostName("localhost")
                .setRequestRouter((request, context) -> handler)
                .setServerSocketFactory(sockets)
                .setSocketConfig(SocketConfig.custom()
                        .setSoTimeout(Timeout.ofMilliseconds(IDLE_TIMEOUT_MS))
                        .setTcpNoDelay(true)
                        .setSoReuseAddress(true)
                        .setBacklogSize(BACKLOG)
                        .build())
                .setHttp1Config(Http1Config.custom()
                        .setMaxLineLength(MAX_LINE)
                        .setMaxHeaderCount(MAX_HEADERS)
                        // a payload leaves in writes of this size (8 KiB by default: four times the system calls)
                        .setBufferSize(BUFFER)
                        .build())
                // the software is named, not its version
                .setHttpProcessor(HttpProcessors.customServer("spfs").build())
                .create();
        try {
            http.start();
        } catch (IOException | RuntimeException e) {
            http.close(CloseMode.IMMEDIATE);
            throw e;
        }
        return new PayloadServer(http, sockets);
    }

    /** Connections open now (being answered, or kept alive between requests). */
    int openConnections() {
        return sockets.open();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(http.getInetAddress(), http.getLocalPort());
    }

    /**
     * Stops accepting, gives the requests being answered a second, then closes every connection
     * (an idle kept-alive one would otherwise hold the close for its whole timeout).
     */
    @Override
    public void close() {
        http.initiateShutdown();
        try {
            http.awaitTermination(TimeValue.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close(CloseMode.IMMEDIATE);
    }
}
