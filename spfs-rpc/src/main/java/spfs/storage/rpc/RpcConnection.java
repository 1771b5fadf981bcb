package spfs.storage.rpc;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.stub.AbstractStub;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import spfs.error.IoMessages;
import spfs.error.SpfsException;

/**
 * What a client holds open to one server: the gRPC channel (plaintext HTTP/2, as spfs's
 * {@code grpc:}/{@code http2:} addresses mean) and an HTTP client for payloads, with the
 * address's limits: {@code timeout_ms} for every call, the largest message read
 * ({@code max_decode_message_size_bytes}) and sent ({@code max_encode_message_size_bytes}).
 * Payloads are downloaded with the JDK's blocking {@link HttpURLConnection}, whose kept-alive
 * connections serve one GET after another: a pull makes one GET per payload, thousands of small
 * ones, and the asynchronous {@link HttpClient}'s machinery per request (futures, hand-offs to its
 * selector thread) cost the client several times the CPU of the bytes (docs/benchmarks.md).
 */
final class RpcConnection implements AutoCloseable {
    private final ManagedChannel channel;
    private final HttpClient http;
    private final Optional<Duration> timeout;
    private final Optional<Integer> maxEncode;
    private final boolean compressDownloads;
    /**
     * What the server's download locations start with, learnt from its first answer when that
     * location is {@code <prefix><digest>} (as spfs's server makes them): later payloads are
     * fetched from {@code <prefix><digest>} at once, without asking first, and only a 404 or a
     * failed fetch sends the client back to ask. The bytes are checked against the digest either way.
     */
    private volatile String downloadPrefix;
    /** The upload URL the server named; it is the same for every payload. */
    private volatile String uploadUrl;

    RpcConnection(String host, int port, Optional<Duration> timeout, int maxDecode, Optional<Integer> maxEncode,
            boolean compressDownloads) {
        this.channel = Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create())
                .maxInboundMessageSize(maxDecode).build();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.orElse(Duration.ofSeconds(30))).build();
        this.timeout = timeout;
        this.maxEncode = maxEncode;
        this.compressDownloads = compressDownloads;
    }

    ManagedChannel channel() {
        return channel;
    }

    Optional<Duration> timeout() {
        return timeout;
    }

    boolean compressDownloads() {
        return compressDownloads;
    }

    java.util.Optional<String> downloadPrefix() {
        return java.util.Optional.ofNullable(downloadPrefix);
    }

    /** Remembers where payloads are downloaded from, if {@code location} is a prefix followed by {@code digest}. */
    void learnDownloadLocation(String location, String digest) {
        if (location.endsWith(digest)) {
            downloadPrefix = location.substring(0, location.length() - digest.length());
        }
    }

    /** Forgets the learnt prefix (a location built from it was not found or failed). */
    void forgetDownloadPrefix() {
        downloadPrefix = null;
    }

    java.util.Optional<String> uploadUrl() {
        return java.util.Optional.ofNullable(uploadUrl);
    }

    void learnUploadUrl(String url) {
        uploadUrl = url;
    }

    /** A stub with this connection's deadline (from now) and outbound limit. */
    <S extends AbstractStub<S>> S stub(S stub) {
        S s = timeout.map(t -> stub.withDeadlineAfter(t.toMillis(), TimeUnit.MILLISECONDS)).orElse(stub);
        return maxEncode.map(s::withMaxOutboundMessageSize).orElse(s);
    }

    /** A request to {@code url}, with this connection's timeout. */
    HttpRequest.Builder http(String url) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw SpfsException.environment("remote-failed", "the server named an invalid payload location '" + url + "'", e);
        }
        timeout.ifPresent(b::timeout);
        return b;
    }

    /** What a download location answered: its status, content type and body (read it to the end, then close). */
    record Download(int status, Optional<String> contentType, InputStream body) {}

    /**
     * GETs {@code url} with one {@code Accept} line per type, in order, as spfs's server reads them;
     * a failure to connect or to read the answer's head is one line naming the URL.
     */
    Download get(String url, List<String> accept) {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
        } catch (IllegalArgumentException | MalformedURLException | ClassCastException e) {
            throw SpfsException.environment("remote-failed", "the server named an invalid payload location '" + url + "'", e);
        } catch (IOException e) {
            throw cannot("download from ", url, e);
        }
        c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.orElse(Duration.ofSeconds(30)).toMillis()));
        timeout.ifPresent(t -> c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, t.toMillis())));
        c.setUseCaches(false);
        // as the HttpClient used for uploads: a location that redirects is an error, not followed
        c.setInstanceFollowRedirects(false);
        accept.forEach(a -> c.addRequestProperty("Accept", a));
        try {
            int status = c.getResponseCode();
            InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
            return new Download(status, Optional.ofNullable(c.getContentType()),
                    body == null ? InputStream.nullInputStream() : body);
        } catch (IOException e) {
            c.disconnect();
            throw cannot("download from ", url, e);
        }
    }

    private static SpfsException cannot(String what, String url, IOException e) {
        return SpfsException.environment("remote-failed", "cannot " + what + url + ": " + IoMessages.describe(e), e);
    }

    /** Sends; a failure to connect or a broken transfer is one line naming the URL. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, String url) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw cannot(request.method().equals("GET") ? "download from " : "upload to ", url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SpfsException.environment("interrupted", "interrupted while talking to " + url, e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
