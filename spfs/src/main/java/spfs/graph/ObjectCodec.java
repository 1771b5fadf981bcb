package spfs.graph;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Frames objects as spfs stores them: a 17-byte header ("--SPFS--\n", digest strategy,
 * encoding format, 5 reserved bytes, kind) followed by a legacy or FlatBuffers body.
 */
public final class ObjectCodec {
    private ObjectCodec() {}

    static final byte[] PREFIX = "--SPFS--\n".getBytes(StandardCharsets.US_ASCII);
    /** Header length in bytes. */
    public static final int HEADER_SIZE = 17;

    /** The full stored bytes of {@code object}. */
    public static byte[] encode(SpfsObject object) {
        return frame(object, switch (object.format().encoding()) {
            case LEGACY -> LegacyBodies.encode(object);
            case FLATBUFFERS -> FlatBodies.encode(object);
        });
    }

    /** Decodes stored bytes; throws {@link MalformedObjectException} on anything unexpected. */
    public static SpfsObject decode(byte[] bytes) {
        Header h = Header.read(bytes);
        return body(h, h.format().encoding(), bytes);
    }

    /**
     * The form objects travel in between spfs processes (the RPC {@code Object.buffer}): the
     * object's own header, then always a FlatBuffers body, even when the header names the legacy
     * encoding. The header keeps the digest strategy and format, so the object keeps its digest.
     */
    public static byte[] encodeForTransfer(SpfsObject object) {
        return frame(object, FlatBodies.encode(object));
    }

    /** Decodes {@link #encodeForTransfer}'s form; {@link MalformedObjectException} on anything unexpected. */
    public static SpfsObject decodeTransferred(byte[] bytes) {
        return body(Header.read(bytes), EncodingFormat.FLATBUFFERS, bytes);
    }

    private static byte[] frame(SpfsObject object, byte[] body) {
        byte[] out = new byte[HEADER_SIZE + body.length];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        out[9] = (byte) object.format().strategy().number();
        out[10] = (byte) object.format().encoding().number();
        out[16] = (byte) object.kind().number();
        System.arraycopy(body, 0, out, HEADER_SIZE, body.length);
        return out;
    }

    private static SpfsObject body(Header h, EncodingFormat bodyEncoding, byte[] bytes) {
        try {
            return switch (bodyEncoding) {
                case LEGACY -> LegacyBodies.decode(h.kind(), h.format(), bytes, HEADER_SIZE);
                case FLATBUFFERS -> FlatBodies.decode(h.kind(), h.format(), bytes, HEADER_SIZE);
            };
        } catch (MalformedObjectException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedObjectException("its " + h.kind().label() + " body does not decode (" + e.getMessage() + ")");
        }
    }

    /** What the 17-byte header says. */
    private record Header(ObjectKind kind, ObjectFormat format) {
        static Header read(byte[] bytes) {
            if (bytes.length < HEADER_SIZE || !Arrays.equals(bytes, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
                throw new MalformedObjectException("it does not start with the spfs object header");
            }
            DigestStrategy strategy = DigestStrategy.fromNumber(bytes[9] & 0xff);
            if (strategy == null) {
                throw new MalformedObjectException("unknown digest strategy " + (bytes[9] & 0xff));
            }
            EncodingFormat encoding = EncodingFormat.fromNumber(bytes[10] & 0xff);
            if (encoding == null) {
                throw new MalformedObjectException("unknown encoding format " + (bytes[10] & 0xff));
            }
            ObjectKind kind = ObjectKind.fromNumber(bytes[16] & 0xff);
            if (kind == null || kind == ObjectKind.TREE || kind == ObjectKind.MASK) {
                throw new MalformedObjectException("unexpected object kind " + (bytes[16] & 0xff));
            }
            return new Header(kind, new ObjectFormat(strategy, encoding));
        }
    }

    /** Only the kind, from the header (for listings that need not decode bodies). */
    public static ObjectKind peekKind(byte[] header) {
        if (header.length < HEADER_SIZE || !Arrays.equals(header, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            throw new MalformedObjectException("it does not start with the spfs object header");
        }
        ObjectKind kind = ObjectKind.fromNumber(header[16] & 0xff);
        if (kind == null) {
            throw new MalformedObjectException("unexpected object kind " + (header[16] & 0xff));
        }
        return kind;
    }
}
