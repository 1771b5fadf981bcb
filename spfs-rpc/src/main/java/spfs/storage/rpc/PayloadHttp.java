package spfs.storage.rpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import spfs.encoding.Digest;
import spfs.encoding.HashCheckedInputStream;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.storage.rpc.proto.PayloadProto.WritePayloadResponse.UploadResponse;

/**
 * The server's HTTP side, as spfs's: {@code POST} stores the request body as a payload
 * ({@code application/octet-stream}, or {@code application/x-bzip2} compressed) and answers with a
 * protobuf {@code UploadResponse} (digest and size, or an error); {@code GET .../DIGEST} sends the
 * payload, bzip2-compressed when the first {@code Accept} value we know asks for it. Our addition:
 * an upload may say what it must hash to ({@value #DIGEST_HEADER}); bytes that do not are refused
 * before anything is visible in the repository. Real spfs clients do not send it and lose nothing.
 */
final class PayloadHttp implements HttpHandler {
    static final String DIGEST_HEADER = "X-Spfs-Digest";
    static final String OCTETS = "application/octet-stream";
    static final String BZIP2 = "application/x-bzip2";
    /** The status of an upload refused because its bytes are not what it said (our addition, as the header). */
    static final int MISMATCH = 422;

    private final ServedRepository served;

    PayloadHttp(ServedRepository served) {
        this.served = served;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            switch (ex.getRequestMethod()) {
                case "POST" -> upload(ex);
                case "GET" -> download(ex);
                default -> text(ex, 405, "only POST (upload) and GET (download) are served here");
            }
        } catch (IOException e) {
            // the client went away: the exchange is closed, and the server goes on
        } catch (RuntimeException e) {
            Answers.logged(e);
        }
    }

    private void upload(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        InputStream body = ex.getRequestBody();
        if (type != null && !type.equals(OCTETS) && !type.equals(BZIP2)) {
            text(ex, 415, "unsupported Content-Type '" + type + "': send " + OCTETS + " or " + BZIP2);
            return;
        }
        UploadResponse answer;
        int status = 200;
        try {
            InputStream in = BZIP2.equals(type) ? new BZip2CompressorInputStream(body) : body;
            String claimed = ex.getRequestHeaders().getFirst(DIGEST_HEADER);
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
        }
        byte[] bytes = answer.toByteArray();
        ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        // errors travel in the body with 200, as spfs's clients expect; only a claim of ours
        // that the bytes broke (which spfs's clients never make) gets a status of its own
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
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

    private void download(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        Digest d;
        try {
            d = Digest.parse(last);
        } catch (RuntimeException e) {
            text(ex, 400, "not a payload digest: '" + last + "'");
            return;
        }
        InputStream payload;
        long size;
        try {
            size = served.repository().payloadSize(d);
            payload = served.repository().openPayload(d);
        } catch (UnknownObjectException e) {
            text(ex, 404, e.getMessage());
            return;
        }
        try (InputStream in = payload) {
            if (wantsBzip2(ex.getRequestHeaders().get("Accept"))) {
                ex.getResponseHeaders().set("Content-Type", BZIP2);
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = new BZip2CompressorOutputStream(ex.getResponseBody())) {
                    in.transferTo(out);
                }
            } else {
                ex.getResponseHeaders().set("Content-Type", OCTETS);
                ex.sendResponseHeaders(200, size == 0 ? -1 : size);
                try (OutputStream out = ex.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        }
    }

    /** As spfs: the first Accept value that is one of ours decides; none means uncompressed. */
    static boolean wantsBzip2(List<String> accept) {
        if (accept == null) {
            return false;
        }
        for (String header : accept) {
            for (String v : header.split(",")) {
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

    private static void text(HttpExchange ex, int status, String message) throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        // errors travel in the body with 200, as spfs's clients expect; only a claim of ours
        // that the bytes broke (which spfs's clients never make) gets a status of its own
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
