package spfs.storage.rpc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spfs.encoding.Digest;

/**
 * Our addition to spfs's payload protocol: many payloads in one answer. A pull asks for thousands
 * of payloads, most a few KB, and a request and answer each cost both sides more CPU than the
 * bytes (docs/benchmarks.md). Asked as {@code GET <download prefix>batch?digests=D1,D2,...}
 * (at most {@value #MAX_DIGESTS}, comma-separated), our server answers 200 with
 * {@value #TYPE}: for each digest, in the order asked, one frame: a byte {@code 1} (here), the
 * payload's size as 8 bytes (big-endian) and its bytes; or a byte {@code 0} (not here). A server
 * that cannot finish a frame (its file shorter than it said) drops the connection rather than end
 * the body, so a frame is never cut silently. spfs's own server has no such path and answers it
 * with an error (the last part of the path is no digest): a client that gets anything but 200
 * with this type asks one payload at a time, as spfs's clients do.
 */
final class PayloadBatch {
    /** The answer's content type; the client takes nothing else for a batch. */
    static final String TYPE = "application/x-spfs-payloads";
    /** The last part of a batch's path, where a single download has the digest. */
    static final String NAME = "batch";
    /** The query parameter that lists the digests. */
    static final String PARAM = "digests";
    /** The most digests one request may ask for (its request line stays under the server's line limit). */
    static final int MAX_DIGESTS = 100;

    static final int HERE = 1;
    static final int NOT_HERE = 0;

    private PayloadBatch() {}

    /** The URL that asks {@code prefix}'s server for {@code digests}, if {@code prefix} can take a batch's path. */
    static Optional<String> url(String prefix, List<Digest> digests) {
        if (!prefix.endsWith("/") || prefix.indexOf('?') >= 0 || prefix.indexOf('#') >= 0
                || digests.isEmpty() || digests.size() > MAX_DIGESTS) {
            return Optional.empty();
        }
        StringBuilder url = new StringBuilder(prefix.length() + 20 + digests.size() * 53)
                .append(prefix).append(NAME).append('?').append(PARAM).append('=');
        for (int i = 0; i < digests.size(); i++) {
            url.append(i == 0 ? "" : ",").append(digests.get(i));
        }
        return Optional.of(url.toString());
    }

    /**
     * The digests a request path asks for, if its last part is {@value #NAME}.
     *
     * @throws IllegalArgumentException it names the batch but lists no digests, too many, or one that is not a digest
     */
    static Optional<List<Digest>> requested(String path) {
        int query = path.indexOf('?');
        String route = query < 0 ? path : path.substring(0, query);
        if (!route.endsWith("/" + NAME)) {
            return Optional.empty();
        }
        String list = null;
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                if (pair.startsWith(PARAM + "=")) {
                    list = pair.substring(PARAM.length() + 1);
                }
            }
        }
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("a batch lists its digests: ?" + PARAM + "=D1,D2,...");
        }
        String[] parts = list.split(",", -1);
        if (parts.length > MAX_DIGESTS) {
            throw new IllegalArgumentException("a batch asks for at most " + MAX_DIGESTS + " payloads, not " + parts.length);
        }
        List<Digest> digests = new ArrayList<>(parts.length);
        for (String p : parts) {
            try {
                digests.add(Digest.parse(p));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a payload digest: '" + p + "'");
            }
        }
        return Optional.of(digests);
    }

    /** Writes the frame of a payload that is here: the mark, its size, then {@code size} bytes of {@code in}. */
    static void writeHere(OutputStream out, InputStream in, long size, byte[] buffer) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeByte(HERE);
        data.writeLong(size);
        for (long left = size; left > 0;) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                // the connection is dropped: the client sees a body cut short, never a short frame
                throw new IOException("payload ended " + left + " bytes before its size");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** Writes the frame of a payload that is not here. */
    static void writeNotHere(OutputStream out) throws IOException {
        out.write(NOT_HERE);
    }

    /** A batch answer's body read frame by frame, in the order its digests were asked. */
    static final class Frames {
        private final DataInputStream in;
        private Frame current;

        Frames(InputStream body) {
            this.in = new DataInputStream(body);
        }

        /**
         * The bytes of the next frame, {@code digest}'s (read what you need: the rest is skipped
         * when the next is asked for), or empty if the server does not have it.
         *
         * @throws IOException the body ended first or is not made of frames
         */
        Optional<InputStream> next(Digest digest) throws IOException {
            skipRest();
            int mark = in.read();
            if (mark < 0) {
                throw new EOFException("the batch answer ended before payload " + digest);
            }
            if (mark == NOT_HERE) {
                return Optional.empty();
            }
            if (mark != HERE) {
                throw new IOException("the batch answer is malformed at payload " + digest + " (mark " + mark + ")");
            }
            long size = in.readLong();
            if (size < 0) {
                throw new IOException("the batch answer gives payload " + digest + " a size of " + size);
            }
            current = new Frame(in, size);
            return Optional.of(current);
        }

        /** Checks that the body ends after the last frame. */
        void end() throws IOException {
            skipRest();
            if (in.read() >= 0) {
                throw new IOException("the batch answer goes on after the payloads asked for");
            }
        }

        private void skipRest() throws IOException {
            if (current != null) {
                current.skipRest();
                current = null;
            }
        }
    }

    /** One frame's bytes: ends after its size, leaves the body open. */
    private static final class Frame extends FilterInputStream {
        private long left;

        Frame(InputStream in, long size) {
            super(in);
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the batch answer ended inside a payload");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the batch answer ended inside a payload");
            }
            left -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** The body stays open for the next frame. */
        @Override
        public void close() {
        }

        /** Skips what the reader left of this frame (usually nothing); fails if the body ends first. */
        void skipRest() throws IOException {
            if (left > 0) {
                skipNBytes(left);
            }
        }
    }
}
