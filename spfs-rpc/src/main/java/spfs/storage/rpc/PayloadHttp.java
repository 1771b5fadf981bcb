package spfs.storage.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import spfs.encoding.Digest;
import spfs.encoding.HashCheckedInputStream;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.storage.PayloadStorage.SizedPayload;
import spfs.storage.rpc.proto.PayloadProto.WritePayloadResponse.UploadResponse;

/**
 * The server's HTTP side, as spfs's: {@code POST} stores the request body as a payload
 * ({@code application/octet-stream}, or {@code application/x-bzip2} compressed) and answers with a
 * protobuf {@code UploadResponse} (digest and size, or an error); {@code GET .../DIGEST} sends the
 * payload, bzip2-compressed when the first {@code Accept} value we know asks for it. Our additions:
 * an upload may say what it must hash to ({@value #DIGEST_HEADER}); bytes that do not are refused
 * before anything is visible in the repository (real spfs clients do not send it and lose
 * nothing); {@code GET .../batch?digests=...} sends many payloads in one answer ({@link PayloadBatch}).
 * Served by {@link PayloadServer}; a request this handler fails on is answered 500 in one line.
 */
final class PayloadHttp implements HttpRequestHandler {
    static final String DIGEST_HEADER = "X-Spfs-Digest";
    static final String OCTETS = "application/octet-stream";
    static final String BZIP2 = "application/x-bzip2";
    /** The status of an upload refused because its bytes are not what it said (our addition, as the header). */
    static final int MISMATCH = 422;
    private static final ContentType OCTETS_TYPE = ContentType.create(OCTETS);
    private static final ContentType BZIP2_TYPE = ContentType.create(BZIP2);
    private static final ContentType BATCH_TYPE = ContentType.create(PayloadBatch.TYPE);
    private static final ContentType PROTOBUF_TYPE = ContentType.create("application/x-protobuf");
    private static final ContentType TEXT_TYPE = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);

    /** Of a payload, at most this much is read at once (into the worker thread's buffer). */
    static final int READ_SIZE = 32 << 10;

    private final ServedRepository served;
    /** Each connection's thread reads payloads into a buffer of its own, kept from request to request. */
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[READ_SIZE]);

    PayloadHttp(ServedRepository served) {
        this.served = served;
    }

    @Override
    public void handle(ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context) throws IOException {
        try {
            switch (request.getMethod()) {
                case "POST" -> upload(request, response);
                case "GET" -> download(request, response);
                default -> text(response, 405, "only POST (upload) and GET (download) are served here");
            }
        } catch (RuntimeException e) {
            RuntimeException why = Answers.logged(e);
            text(response, 500, why.getMessage());
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
    }

    private void upload(ClassicHttpRequest request, ClassicHttpResponse response) {
        String type = value(request.getFirstHeader(HttpHeaders.CONTENT_TYPE));
        if (type != null && !type.equals(OCTETS) && !type.equals(BZIP2)) {
            text(response, 415, "unsupported Content-Type '" + type + "': send " + OCTETS + " or " + BZIP2);
            // not kept alive: the rest of a body it did not want is not worth waiting for
            response.setHeader(HttpHeaders.CONNECTION, "close");
            return;
        }
        HttpEntity entity = request.getEntity();
        UploadResponse answer;
        int status = 200;
        try {
            InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
            InputStream in = BZIP2.equals(type) ? new BZip2CompressorInputStream(body) : body;
            String claimed = value(request.getFirstHeader(DIGEST_HEADER));
            if (claimed != null) {
                in = new HashCheckedInputStream(in, Digest.parse(claimed.strip()));
            }
            PayloadWrite w = served.repository().writePayload(in, -1);
            answer = UploadResponse.newBuilder().setOk(UploadResponse.UploadResult.newBuilder()
                    .setDigest(Wire.digest(w.digest())).setSize(w.size())).build();
        } catch (IOException | RuntimeException e) {
            // refused: an undecodable body or bytes that do not hash to what the client claimed
            RuntimeException why = refusal(e);
            answer = UploadResponse.newBuilder().setError(Wire.error(why)).build();
            status = why instanceof SpfsException s && s.code().equals("digest-mismatch") ? MISMATCH : 200;
            // not kept alive after a refused body (it may not have been read to its end)
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        // errors travel in the body with 200, as spfs's clients expect; only a claim of ours
        // that the bytes broke (which spfs's clients never make) gets a status of its own
        response.setCode(status);
        response.setEntity(new ByteArrayEntity(answer.toByteArray(), PROTOBUF_TYPE));
    }

    /** The reason an upload was not stored, as one line for the client. */
    private static RuntimeException refusal(Exception e) {
        Throwable t = e;
        while (t != null && !(t instanceof HashCheckedInputStream.MismatchException)) {
            t = t.getCause();
        }
        if (t != null) {
            return SpfsException.badInput("digest-mismatch", "payload refused: " + t.getMessage());
        }
        if (e instanceof RuntimeException r) {
            return Answers.logged(r);
        }
        return SpfsException.badInput("bad-upload", "payload refused: the request body cannot be read ("
                + e.getMessage() + ")");
    }

    private void download(ClassicHttpRequest request, ClassicHttpResponse response) throws IOException {
        String path = request.getPath();
        Optional<List<Digest>> batch;
        try {
            batch = PayloadBatch.requested(path);
        } catch (IllegalArgumentException e) {
            text(response, 400, e.getMessage());
            return;
        }
        if (batch.isPresent()) {
            response.setCode(200);
            response.setEntity(new BatchEntity(batch.get(), buffers.get()));
            return;
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        Digest d;
        try {
            d = Digest.parse(last);
        } catch (RuntimeException e) {
            text(response, 400, "not a payload digest: '" + last + "'");
            return;
        }
        SizedPayload opened;
        try {
            opened = served.repository().openSizedPayload(d);
        } catch (UnknownObjectException e) {
            text(response, 404, e.getMessage());
            return;
        }
        InputStream payload = opened.content();
        long size = opened.size();
        response.setCode(200);
        // the payload is read as the answer is written, after this returns; the entity closes it
        response.setEntity(wantsBzip2(request.getHeaders("Accept")) ? new Bzip2Entity(payload)
                : new PayloadEntity(payload, size, buffers.get()));
    }

    /**
     * An answer's body written once, as it is produced: streamed, not repeatable; of unknown
     * length (chunked) unless a subclass says its length.
     */
    private abstract static class StreamedEntity extends AbstractHttpEntity {
        StreamedEntity(ContentType type, boolean chunked) {
            super(type, null, chunked);
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public InputStream getContent() {
            throw new UnsupportedOperationException("this answer's body is only written");
        }

        @Override
        public final boolean isRepeatable() {
            return false;
        }

        @Override
        public final boolean isStreaming() {
            return true;
        }
    }

    /**
     * A payload sent as it is, {@code size} bytes read in pieces of up to {@value #READ_SIZE}
     * (HttpCore's InputStreamEntity reads 4 KiB at a time: a read(2) per 4 KiB, most payloads
     * fitting in one of ours) through the thread's {@code buffer}.
     */
    private static final class PayloadEntity extends StreamedEntity {
        private final InputStream payload;
        private final long size;
        private final byte[] buffer;

        PayloadEntity(InputStream payload, long size, byte[] buffer) {
            super(OCTETS_TYPE, false);
            this.payload = payload;
            this.size = size;
            this.buffer = buffer;
        }

        @Override
        public long getContentLength() {
            return size;
        }

        @Override
        public InputStream getContent() {
            return payload;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = payload) {
                // no more than the length announced; a file cut short meanwhile ends the body
                // short, and the client, counting, fails it
                for (long left = size; left > 0;) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        }

        @Override
        public void close() throws IOException {
            payload.close();
        }
    }

    /**
     * The payloads a batch asks for, framed as {@link PayloadBatch} says, each opened when its
     * turn comes (chunked: the total is not known before).
     */
    private final class BatchEntity extends StreamedEntity {
        private final List<Digest> digests;
        private final byte[] buffer;

        BatchEntity(List<Digest> digests, byte[] buffer) {
            super(BATCH_TYPE, true);
            this.digests = digests;
            this.buffer = buffer;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (Digest d : digests) {
                SizedPayload opened;
                try {
                    opened = served.repository().openSizedPayload(d);
                } catch (UnknownObjectException e) {
                    PayloadBatch.writeNotHere(out);
                    continue;
                } catch (RuntimeException e) {
                    // the connection is dropped: what follows could not be framed
                    throw new IOException(Answers.logged(e).getMessage(), e);
                }
                try (InputStream in = opened.content()) {
                    PayloadBatch.writeHere(out, in, opened.size(), buffer);
                }
            }
        }

        @Override
        public void close() {
            // each payload is closed as soon as it is sent
        }
    }

    /** A payload sent bzip2-compressed as it is read (chunked: its length is not known before). */
    private static final class Bzip2Entity extends StreamedEntity {
        private final InputStream payload;

        Bzip2Entity(InputStream payload) {
            super(BZIP2_TYPE, true);
            this.payload = payload;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = payload) {
                // finished, not closed: the connection's stream ends the chunked body itself
                BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out);
                in.transferTo(bz);
                bz.finish();
            }
        }

        @Override
        public void close() throws IOException {
            payload.close();
        }
    }

    /** As spfs: the first Accept value that is one of ours decides; none means uncompressed. */
    static boolean wantsBzip2(Header[] accept) {
        for (Header header : accept) {
            for (String v : header.getValue().split(",")) {
                String type = v.split(";")[0].strip();
                if (type.equals(OCTETS)) {
                    return false;
                }
                if (type.equals(BZIP2)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String value(Header h) {
        return h == null ? null : h.getValue();
    }

    private static void text(ClassicHttpResponse response, int status, String message) {
        response.setCode(status);
        response.setEntity(new StringEntity(message + "\n", TEXT_TYPE));
    }
}
