package spfs.storage.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.bootstrap.HttpRequester;
import org.apache.hc.core5.http.impl.bootstrap.RequesterBootstrap;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnectionFactory;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The client's HTTP/1.1 side for payload bytes, on HttpCore's classic requester: each thread that
 * downloads or uploads takes a kept-alive connection from a pool, sends its request and reads the
 * answer's body straight from the socket; the connection goes back to the pool when the body has
 * been read to its end (or closed with at most {@value #DRAIN_LIMIT} bytes left). A pull makes one GET per payload (thousands, most a few KB), and
 * what a general client does per request (HttpClient's chain of route planning, URI normalising,
 * authentication and retry stages; the JDK's header maps and futures) cost the copying threads
 * more CPU than the bytes (docs/benchmarks.md): HttpCore sends the request and parses the answer,
 * nothing else. Redirects are not followed (a location that redirects is answered as is), no proxy
 * is used (payload servers are named by the gRPC server, not the environment), a connection idle
 * for {@value #IDLE_SECONDS} s is closed rather than reused, and a GET whose pooled connection the
 * server had closed meanwhile is sent once more on a new one (GET is idempotent; an upload's body
 * is streamed once and is not).
 */
final class PayloadClient implements AutoCloseable {
    /** Connections kept per client, open at once or idle. */
    static final int MAX_CONNECTIONS = 64;
    /** Pooled connections idle for longer than this are closed before the next request (spfs server closes them at 60 s). */
    static final int IDLE_SECONDS = 10;
    /** An upload's answer is a small protobuf message: no more than this is read of it. */
    static final int MAX_UPLOAD_ANSWER = 1 << 20;
    /** Each connection reads its answers through a buffer of this size. */
    static final int READ_BUFFER = 64 << 10;
    /** Of a body closed before its end, at most this much is read to keep its connection. */
    private static final int DRAIN_LIMIT = 64 << 10;

    private final HttpRequester http;
    private final Timeout connectTimeout;
    /** When idle connections were last closed ({@link System#nanoTime}); at most once a second. */
    private volatile long lastSweep = System.nanoTime();
    /** The server part of the last URL parsed whole, which the next URLs usually share. */
    private volatile Base lastBase;

    /** {@code timeout}: to connect, and for each read; none waits 30 s to connect and as long as the server takes to answer. */
    PayloadClient(Optional<Duration> timeout) {
        this.connectTimeout = Timeout.of(timeout.orElse(Duration.ofSeconds(30)));
        int readMs = timeout.map(t -> (int) Math.min(Integer.MAX_VALUE, t.toMillis())).orElse(0);
        // answers are read in pieces of this size (8 KiB by default: a read(2) per 8 KiB of a batch)
        DefaultBHttpClientConnectionFactory connections = DefaultBHttpClientConnectionFactory.builder()
                .http1Config(Http1Config.custom().setBufferSize(READ_BUFFER).build()).build();
        this.http = RequesterBootstrap.bootstrap()
                // only the body's framing (chunked uploads); the Host header is set from the URL as
                // it is, and no Expect: 100-continue (a round trip per upload for nothing)
                .setHttpProcessor(HttpProcessorBuilder.create().add(new RequestContent()).build())
                // the requester connects with the socket timeout: the connect timeout, then
                // the read timeout once connected
                .setSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(connectTimeout).build())
                .setConnectionFactory((Socket socket) -> {
                    socket.setSoTimeout(readMs);
                    return connections.createConnection(socket);
                })
                // an https: server's certificate must name the host asked for
                .setSslSocketFactory(DeferredTlsSockets.jvmDefault())
                .setSslSetupHandler(p -> p.setEndpointIdentificationAlgorithm("HTTPS"))
                .setMaxTotal(MAX_CONNECTIONS)
                .setDefaultMaxPerRoute(MAX_CONNECTIONS)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .create();
    }

    /** What a location answered: its status, content type and body (read it to the end, then close). */
    record Answer(int status, Optional<String> contentType, InputStream body) {}

    /**
     * GETs {@code url} with one {@code Accept} line per type, in order (spfs's server reads them so).
     *
     * @throws IllegalArgumentException {@code url} is not an {@code http:} or {@code https:} URL
     * @throws IOException connecting, sending or reading the answer's head failed
     */
    Answer get(String url, List<String> accept) throws IOException {
        Located at = locate(url);
        ClassicHttpResponse r;
        try {
            r = execute(at, get(at, accept));
        } catch (InterruptedIOException | ConnectException | UnknownHostException e) {
            throw e;
        } catch (IOException e) {
            // most likely a pooled connection the server had closed: once more, on a new one
            http.closeIdle(TimeValue.ZERO_MILLISECONDS);
            r = execute(at, get(at, accept));
        }
        HttpEntity entity = r.getEntity();
        if (entity == null) {
            r.close();
            return new Answer(r.getCode(), contentType(r), InputStream.nullInputStream());
        }
        try {
            return new Answer(r.getCode(), contentType(r), new Body(entity.getContent()));
        } catch (IOException | RuntimeException e) {
            try {
                r.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * An answer's body that, closed before its end, reads what is left if that is short, so that
     * its connection serves the next request, and else drops the connection instead of reading
     * on (HttpCore would read a payload abandoned half-way to its very end).
     */
    private static final class Body extends spfs.storage.NetworkBody {
        Body(InputStream content) {
            super(content);
        }

        @Override
        public void close() throws IOException {
            if (!ended()) {
                byte[] buffer = new byte[8192];
                try {
                    for (long left = DRAIN_LIMIT; left > 0 && !ended();) {
                        int n = read(buffer, 0, (int) Math.min(buffer.length, left));
                        left -= Math.max(n, 0);
                    }
                } catch (IOException e) {
                    // the connection is dropped below
                }
                if (!ended() && in instanceof EofSensorInputStream sensor) {
                    sensor.abort();
                    return;
                }
            }
            in.close();
        }
    }

    private ClassicHttpRequest get(Located at, List<String> accept) {
        ClassicHttpRequest get = request("GET", at);
        for (String a : accept) {
            get.addHeader("Accept", a);
        }
        return get;
    }

    /** What an upload was answered: its status and body. */
    record Posted(int status, byte[] body) {}

    /**
     * POSTs {@code body} (streamed, chunked) to {@code url} as {@code type}, with {@code headers}.
     *
     * @throws IllegalArgumentException {@code url} is not an {@code http:} or {@code https:} URL
     * @throws IOException connecting, sending or reading the answer failed
     */
    Posted post(String url, InputStream body, String type, Map<String, String> headers) throws IOException {
        Located at = locate(url);
        ClassicHttpRequest post = request("POST", at);
        headers.forEach(post::addHeader);
        post.setEntity(new InputStreamEntity(body, -1, ContentType.create(type)));
        try (ClassicHttpResponse r = execute(at, post)) {
            HttpEntity entity = r.getEntity();
            byte[] answer;
            if (entity == null) {
                answer = new byte[0];
            } else {
                try (InputStream in = entity.getContent()) {
                    answer = in.readNBytes(MAX_UPLOAD_ANSWER);
                }
            }
            return new Posted(r.getCode(), answer);
        }
    }

    private static ClassicHttpRequest request(String method, Located at) {
        ClassicHttpRequest r = new BasicClassicHttpRequest(method, at.base().host(), at.path());
        r.addHeader(HttpHeaders.HOST, at.base().authority());
        return r;
    }

    private ClassicHttpResponse execute(Located at, ClassicHttpRequest request) throws IOException {
        long now = System.nanoTime();
        if (now - lastSweep > 1_000_000_000L) {
            lastSweep = now;
            http.closeIdle(TimeValue.ofSeconds(IDLE_SECONDS));
        }
        try {
            return http.execute(at.base().host(), request, connectTimeout,
                    HttpCoreContext.create());
        } catch (HttpException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static URI checked(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("not an http: or https: URL with a host");
        }
        return uri;
    }

    /**
     * Where {@code url} is sent: its server and the path and query of its request line. A pull
     * GETs thousands of URLs that differ only in the digests after the server's part; one that
     * starts with the last parsed URL's {@code scheme://authority/} and goes on in characters
     * that need no parsing (letters, digits, {@code /-._~=?,&}: no fragment or escape) takes
     * that server as it is (parsing each whole was a few per cent of a pull's CPU); any other
     * is parsed whole.
     *
     * @throws IllegalArgumentException {@code url} is not an {@code http:} or {@code https:} URL with a host
     */
    private Located locate(String url) {
        Base b = lastBase;
        if (b != null && url.startsWith(b.prefix()) && url.length() > b.prefix().length()
                && url.charAt(b.prefix().length()) == '/' && plain(url, b.prefix().length())) {
            return new Located(b, url.substring(b.prefix().length()));
        }
        URI uri = checked(url);
        String prefix = uri.getScheme() + "://" + uri.getRawAuthority();
        b = new Base(prefix, uri.getRawAuthority(), new HttpHost(uri.getScheme().toLowerCase(java.util.Locale.ROOT),
                uri.getHost(), uri.getPort()));
        if (url.startsWith(prefix)) {
            lastBase = b;
        }
        return new Located(b, pathOf(uri));
    }

    private static boolean plain(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '-' || c == '.' || c == '_' || c == '~' || c == '=' || c == '?'
                    || c == ',' || c == '&';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A server: how its URLs begin ({@code scheme://authority}), its authority as sent in {@code Host}, its address. */
    private record Base(String prefix, String authority, HttpHost host) {}

    /** A request's server and the path (and query) of its request line. */
    private record Located(Base base, String path) {}

    private static String pathOf(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static Optional<String> contentType(ClassicHttpResponse r) {
        Header h = r.getFirstHeader("Content-Type");
        return h == null ? Optional.empty() : Optional.of(h.getValue());
    }

    /** Closes the pooled connections; a body still being read fails. */
    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }
}
