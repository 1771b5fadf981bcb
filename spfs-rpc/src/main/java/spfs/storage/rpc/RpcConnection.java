package spfs.storage.rpc;

import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.AbstractStub;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import spfs.error.IoMessages;
import spfs.error.SpfsException;

/**
 * What a client holds open to one server: the gRPC channel (plaintext HTTP/2, as spfs's
 * {@code grpc:}/{@code http2:} addresses mean) and an HTTP client for payloads, with the
 * address's limits: {@code timeout_ms} for every call, the largest message read
 * ({@code max_decode_message_size_bytes}) and sent ({@code max_encode_message_size_bytes}).
 * Payload bytes go through {@link PayloadClient} (kept-alive HTTP/1.1 connections, one per thread
 * at a time).
 */
final class RpcConnection implements AutoCloseable {
    /** Name of the threads of a connection's event loop. */
    static final String THREAD_NAME = "spfs-grpc";

    /**
     * The channel's own event loop, ended with the connection: gRPC's shared one outlives every
     * channel by a second, its thread waiting in a native call, and a JVM exits only after
     * waiting 0.3 s for such threads (every {@code grpc://} command paid that at its end).
     */
    private final EventLoopGroup loop;
    /** The loop's threads, joined at close: its termination is announced before its thread has ended. */
    private final List<Thread> loopThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ManagedChannel channel;
    private final PayloadClient http;
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
    /** Whether the server answered a batch of payloads ({@link PayloadBatch}) with anything but one. */
    private volatile boolean batchesRefused;

    RpcConnection(String host, int port, Optional<Duration> timeout, int maxDecode, Optional<Integer> maxEncode,
            boolean compressDownloads) {
        NettyClientDefaults.apply();
        DefaultThreadFactory threads = new DefaultThreadFactory(THREAD_NAME, true);
        this.loop = new NioEventLoopGroup(1, task -> {
            Thread t = threads.newThread(task);
            loopThreads.add(t);
            return t;
        });
        this.channel = NettyChannelBuilder.forAddress(host, port, InsecureChannelCredentials.create())
                .eventLoopGroup(loop).channelType(NioSocketChannel.class)
                .maxInboundMessageSize(maxDecode).build();
        this.http = new PayloadClient(timeout);
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

    /**
     * Where to ask for payloads together: the learnt download prefix, unless the server refused a
     * batch before or downloads are to be compressed (a batch is not).
     */
    Optional<String> batchPrefix() {
        return batchesRefused || compressDownloads ? Optional.empty() : downloadPrefix();
    }

    /** Payloads are asked for one by one from now on: the server does not answer batches. */
    void refuseBatches() {
        batchesRefused = true;
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

    /** What a download location answered: its status, content type and body (read it to the end, then close). */
    record Download(int status, Optional<String> contentType, InputStream body) {}

    /**
     * GETs {@code url} with one {@code Accept} line per type, in order, as spfs's server reads them;
     * a failure to connect or to read the answer's head is one line naming the URL.
     */
    Download get(String url, List<String> accept) {
        try {
            PayloadClient.Answer a = http.get(url, accept);
            return new Download(a.status(), a.contentType(), a.body());
        } catch (IllegalArgumentException e) {
            throw invalidLocation(url, e);
        } catch (IOException e) {
            throw cannot("download from ", url, e);
        }
    }

    /**
     * POSTs {@code body} to {@code url} as {@code type}, with {@code headers}; a failure to connect
     * or a broken transfer is one line naming the URL.
     */
    PayloadClient.Posted post(String url, InputStream body, String type, Map<String, String> headers) {
        try {
            return http.post(url, body, type, headers);
        } catch (IllegalArgumentException e) {
            throw invalidLocation(url, e);
        } catch (IOException e) {
            throw cannot("upload to ", url, e);
        }
    }

    private static SpfsException invalidLocation(String url, IllegalArgumentException e) {
        return SpfsException.environment("remote-failed", "the server named an invalid payload location '" + url + "'", e);
    }

    private static SpfsException cannot(String what, String url, IOException e) {
        return SpfsException.environment("remote-failed", "cannot " + what + url + ": " + IoMessages.describe(e), e);
    }

    @Override
    public void close() {
        http.close();
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
            // no quiet period: nothing else runs on this loop
            loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(3, TimeUnit.SECONDS);
            for (Thread t : loopThreads) {
                t.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
