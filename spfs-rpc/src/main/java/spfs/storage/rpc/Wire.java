package spfs.storage.rpc;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import spfs.encoding.Digest;
import spfs.error.AmbiguousReferenceException;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.error.UnknownReferenceException;
import spfs.graph.MalformedObjectException;
import spfs.graph.ObjectCodec;
import spfs.graph.SpfsObject;
import spfs.storage.rpc.proto.ErrorProto;
import spfs.storage.rpc.proto.TagProto;
import spfs.storage.rpc.proto.TypesProto;
import spfs.tag.Tag;
import spk.error.SpkException;

/**
 * Our values in spfs's messages and back, as spfs's own conversions write and read them: digests
 * as their 32 raw bytes, objects as their header plus FlatBuffers body, times as chrono prints a
 * UTC time, errors as the in-band {@code Error} message.
 */
public final class Wire {
    private Wire() {}

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** A message that does not hold what the protocol says it must: the request's or answer's fault. */
    public static final class InvalidMessage extends SpfsException {
        private static final long serialVersionUID = 1L;

        public InvalidMessage(String message) {
            super(Kind.BAD_INPUT, "invalid-message", message);
        }
    }

    // ---- digests

    public static TypesProto.Digest digest(Digest d) {
        return TypesProto.Digest.newBuilder().setBytes(ByteString.copyFrom(d.bytes())).build();
    }

    /** A digest field; an absent one or one that is not 32 bytes is an invalid message. */
    public static Digest digest(boolean present, TypesProto.Digest d, String field) {
        if (!present) {
            throw new InvalidMessage("the message has no " + field);
        }
        if (d.getBytes().size() != Digest.SIZE) {
            throw new InvalidMessage(field + " is " + d.getBytes().size() + " bytes, not a " + Digest.SIZE + "-byte digest");
        }
        return Digest.fromBytes(d.getBytes().toByteArray());
    }

    // ---- times

    /**
     * A time as chrono's {@code Display} prints a UTC time, which is what spfs sends:
     * {@code 2024-01-31 09:45:00.123456 UTC}, with 0, 3, 6 or 9 fraction digits as needed.
     */
    public static TypesProto.DateTime time(Instant t) {
        OffsetDateTime utc = t.atOffset(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(SECONDS.format(utc));
        int nanos = utc.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            int keep = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            sb.append('.').append(digits, 0, keep);
        }
        return TypesProto.DateTime.newBuilder().setIsoTimestamp(sb.append(" UTC").toString()).build();
    }

    /**
     * Reads what chrono's {@code DateTime<Utc>} parser reads: a date, {@code T} or a space, the time
     * with any fraction, then {@code Z}, {@code UTC} or an offset.
     */
    public static Instant time(boolean present, TypesProto.DateTime t, String field) {
        if (!present) {
            throw new InvalidMessage("the message has no " + field);
        }
        String s = t.getIsoTimestamp().strip();
        try {
            if (s.endsWith(" UTC") || s.endsWith("UTC")) {
                String local = s.substring(0, s.length() - 3).strip().replace(' ', 'T');
                return LocalDateTime.parse(local).toInstant(ZoneOffset.UTC);
            }
            String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
            return OffsetDateTime.parse(iso.replace(" ", ""), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidMessage(field + " is not a time: '" + t.getIsoTimestamp() + "'");
        }
    }

    // ---- tags

    public static TagProto.Tag tag(Tag t) {
        return TagProto.Tag.newBuilder().setOrg(t.org().orElse("")).setName(t.name()).setTarget(digest(t.target()))
                .setParent(digest(t.parent())).setUser(t.user()).setTime(time(t.time())).build();
    }

    public static Tag tag(TagProto.Tag t) {
        if (t.getName().isEmpty()) {
            throw new InvalidMessage("a tag in the message has no name");
        }
        return new Tag(t.getOrg().isEmpty() ? Optional.empty() : Optional.of(t.getOrg()), t.getName(),
                digest(t.hasTarget(), t.getTarget(), "tag target"), digest(t.hasParent(), t.getParent(), "tag parent"),
                t.getUser(), time(t.hasTime(), t.getTime(), "tag time"));
    }

    // ---- objects

    public static TypesProto.Object object(SpfsObject o) {
        return TypesProto.Object.newBuilder().setBuffer(ByteString.copyFrom(ObjectCodec.encodeForTransfer(o))).build();
    }

    /** An object from a message; only the buffer form is read (spfs has sent no other for years). */
    public static SpfsObject object(boolean present, TypesProto.Object o) {
        if (!present || o.getKindCase() == TypesProto.Object.KindCase.KIND_NOT_SET) {
            throw new InvalidMessage("the message has no object");
        }
        if (o.getKindCase() != TypesProto.Object.KindCase.BUFFER) {
            throw new InvalidMessage("objects sent as " + o.getKindCase().name().toLowerCase(java.util.Locale.ROOT)
                    + " messages (an old spfs form) are not supported; expected the buffer form");
        }
        try {
            return ObjectCodec.decodeTransferred(o.getBuffer().toByteArray());
        } catch (MalformedObjectException e) {
            throw new InvalidMessage("the object in the message does not decode: " + e.getMessage());
        }
    }

    // ---- errors

    /** An error as spfs sends it: the kinds a client acts on by type, anything else as text. */
    public static ErrorProto.Error error(RuntimeException e) {
        ErrorProto.Error.Builder b = ErrorProto.Error.newBuilder();
        if (e instanceof UnknownObjectException u && u.digest() != null) {
            b.setUnknownObject(ErrorProto.UnknownObjectError.newBuilder().setMessage(u.digest().toString()));
        } else if (e instanceof UnknownReferenceException u) {
            b.setUnknownReference(ErrorProto.UnknownReferenceError.newBuilder().setMessage(u.ref()));
        } else if (e instanceof AmbiguousReferenceException) {
            b.setAmbiguousReference(ErrorProto.AmbiguousReferenceError.newBuilder().setMessage(e.getMessage()));
        } else if (e instanceof SpkException s && s.kind() == SpkException.Kind.BAD_INPUT
                && (s.code().startsWith("invalid-tag") || s.code().startsWith("invalid-digest")
                        || s.code().equals("invalid-reference"))) {
            b.setInvalidReference(ErrorProto.InvalidReferenceError.newBuilder().setMessage(e.getMessage()));
        } else {
            b.setOther(e instanceof SpkException ? e.getMessage() : "internal error in the server: " + e);
        }
        return b.build();
    }

    /**
     * The exception a received error stands for. {@code what} names the thing asked for
     * ("object", "payload") for unknown objects; {@code server} names the server in other errors.
     */
    public static SpfsException error(ErrorProto.Error e, String what, String server) {
        switch (e.getKindCase()) {
            case UNKNOWN_OBJECT:
                try {
                    return new UnknownObjectException(what, Digest.parse(e.getUnknownObject().getMessage()));
                } catch (RuntimeException notADigest) {
                    return SpfsException.environment("remote-error", server + ": unknown object '"
                            + e.getUnknownObject().getMessage() + "'", null);
                }
            case UNKNOWN_REFERENCE:
                return new UnknownReferenceException(e.getUnknownReference().getMessage());
            case AMBIGUOUS_REFERENCE:
                return SpfsException.badInput("ambiguous-reference", e.getAmbiguousReference().getMessage());
            case INVALID_REFERENCE:
                return SpfsException.badInput("invalid-reference", e.getInvalidReference().getMessage());
            case OTHER:
                return SpfsException.environment("remote-error", server + ": " + e.getOther(), null);
            default:
                return SpfsException.environment("remote-error", server + " reported an error without saying what", null);
        }
    }
}
