package spfs.storage.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The client's HTTP/1.1 side for payload bytes, on HttpClient's classic (blocking) client: each
 * thread that downloads or uploads takes a kept-alive connection from a pool, sends its request
 * and reads the answer's body straight from the socket; the connection goes back to the pool when
 * the body has been read to its end or closed. A pull makes one GET per payload (thousands, most
 * a few KB): a new connection or an asynchronous client's hand-offs per request cost more CPU than
 * the bytes (docs/benchmarks.md). Redirects are not followed (a location that redirects is an
 * error), no proxy is used (payload servers are named by the gRPC server, not the environment),
 * and a GET on a pooled connection that the server had closed meanwhile is sent once more at once
 * (GET is idempotent; an upload's body is streamed once and is not).
 */
final class PayloadClient implements AutoCloseable {
    /** Connections kept per client, open at once or idle. */
    static final int MAX_CONNECTIONS = 64;
    /** A pooled connection idle for longer than this is checked before it is reused. */
    private static final TimeValue CHECK_AFTER_IDLE = TimeValue.ofSeconds(2);
    /** An upload's answer is a small protobuf message: no more than this is read of it. */
    static final int MAX_UPLOAD_ANSWER = 1 << 20;

    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient http;

    /** {@code timeout}: to connect, and for each read; none waits 30 s to connect and as long as the server takes to answer. */
    PayloadClient(Optional<Duration> timeout) {
        Timeout connect = Timeout.of(timeout.orElse(Duration.ofSeconds(30)));
        Timeout read = timeout.map(Timeout::of).orElse(Timeout.DISABLED);
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(read).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .setValidateAfterInactivity(CHECK_AFTER_IDLE)
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS))
                .build();
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
        HttpGet get = new HttpGet(checked(url));
        for (String a : accept) {
            get.addHeader("Accept", a);
        }
        ClassicHttpResponse r = http.executeOpen(null, get, null);
        HttpEntity entity = r.getEntity();
        if (entity == null) {
            r.close();
            return new Answer(r.getCode(), contentType(r), InputStream.nullInputStream());
        }
        try {
            return new Answer(r.getCode(), contentType(r), entity.getContent());
        } catch (IOException | RuntimeException e) {
            try {
                r.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
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
        HttpPost post = new HttpPost(checked(url));
        headers.forEach(post::addHeader);
        post.setEntity(new InputStreamEntity(body, -1, ContentType.create(type)));
        try (ClassicHttpResponse r = http.executeOpen(null, post, null)) {
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

    private static URI checked(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("not an http: or https: URL with a host");
        }
        return uri;
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
