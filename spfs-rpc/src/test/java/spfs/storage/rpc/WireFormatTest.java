package spfs.storage.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static spfs.storage.rpc.Golden.D1;
import static spfs.storage.rpc.Golden.D2;
import static spfs.storage.rpc.Golden.digest;
import static spfs.storage.rpc.Golden.field;
import static spfs.storage.rpc.Golden.hex;
import static spfs.storage.rpc.Golden.text;
import static spfs.storage.rpc.Golden.varintField;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.error.UnknownReferenceException;
import spfs.graph.Blob;
import spfs.graph.DigestStrategy;
import spfs.graph.EncodingFormat;
import spfs.graph.Layer;
import spfs.graph.ObjectCodec;
import spfs.graph.ObjectFormat;
import spfs.graph.SpfsObject;
import spfs.storage.rpc.proto.DatabaseProto;
import spfs.storage.rpc.proto.DatabaseServiceGrpc;
import spfs.storage.rpc.proto.ErrorProto;
import spfs.storage.rpc.proto.PayloadProto;
import spfs.storage.rpc.proto.PayloadServiceGrpc;
import spfs.storage.rpc.proto.RepositoryGrpc;
import spfs.storage.rpc.proto.TagProto;
import spfs.storage.rpc.proto.TagServiceGrpc;
import spfs.tag.Tag;

/** Our messages byte for byte against golden ones written from spfs's protocol description. */
class WireFormatTest {
    static final Instant T = Instant.parse("2024-01-31T09:45:00.123456Z");
    static final Tag TAG = new Tag(Optional.of("spi"), "main", D1, D2, "alice@host", T);
    /** Tag { org=1, name=2, target=3, parent=4, user=5, time=6 { iso_timestamp=1 } }. */
    static final String TAG_GOLDEN = text(1, "spi") + text(2, "main") + digest(3, D1) + digest(4, D2)
            + text(5, "alice@host") + field(6, text(1, "2024-01-31 09:45:00.123456 UTC"));

    @Test
    void requestsCarryDigestsAsTheirRawBytesInFieldOne() {
        var req = DatabaseProto.HasObjectRequest.newBuilder().setDigest(Wire.digest(D1)).build();
        assertEquals(digest(1, D1), hex(req.toByteArray()));
        assertEquals("0a220a20000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", hex(req.toByteArray()),
                "written out once in full");
    }

    @Test
    void tagsAndTimesAreWrittenAsSpfsWritesThem() {
        assertEquals(TAG_GOLDEN, hex(Wire.tag(TAG).toByteArray()));
        assertEquals(TAG, Wire.tag(parse(TagProto.Tag.parser(), TAG_GOLDEN)));
        var insert = TagProto.InsertTagRequest.newBuilder().setTag(Wire.tag(TAG)).setNamespace("ns").build();
        assertEquals(field(1, TAG_GOLDEN) + text(2, "ns"), hex(insert.toByteArray()));
        // a tag without org: the empty string, which protobuf leaves out
        Tag bare = new Tag(Optional.empty(), "main", D1, Digest.NULL, "u", T);
        assertEquals(bare, Wire.tag(Wire.tag(bare)));
        assertEquals(false, hex(Wire.tag(bare).toByteArray()).startsWith("0a"));
    }

    @Test
    void timesFollowChronosDisplayAndReadEveryFormChronoReads() {
        assertEquals("2024-01-31 09:45:00 UTC", Wire.time(Instant.parse("2024-01-31T09:45:00Z")).getIsoTimestamp());
        assertEquals("2024-01-31 09:45:00.120 UTC", Wire.time(Instant.parse("2024-01-31T09:45:00.12Z")).getIsoTimestamp());
        assertEquals("2024-01-31 09:45:00.000001 UTC", Wire.time(Instant.parse("2024-01-31T09:45:00.000001Z")).getIsoTimestamp());
        assertEquals("2024-01-31 09:45:00.000000001 UTC",
                Wire.time(Instant.parse("2024-01-31T09:45:00.000000001Z")).getIsoTimestamp());
        for (String s : List.of("2024-01-31 09:45:00.123456 UTC", "2024-01-31T09:45:00.123456Z",
                "2024-01-31T09:45:00.123456+00:00", "2024-01-31 10:45:00.123456+01:00")) {
            assertEquals(T, Wire.time(true, time(s), "t"), s);
        }
        assertThrows(Wire.InvalidMessage.class, () -> Wire.time(true, time("yesterday"), "t"));
    }

    @Test
    void objectsTravelAsHeaderAndFlatBuffersBodyWhateverTheirEncoding() {
        Blob blob = new Blob(D1, 12, ObjectFormat.DEFAULT);
        byte[] stored = ObjectCodec.encode(blob);
        // Object { bytes buffer = 7 }: for a FlatBuffers object, exactly the stored bytes
        assertEquals(field(7, hex(stored)), hex(Wire.object(blob).toByteArray()));
        // a legacy object keeps its legacy header (strategy 0, encoding 0) and so its digest,
        // but its body travels as FlatBuffers, as spfs sends it
        Layer legacy = new Layer(Optional.of(D2), List.of(), ObjectFormat.LEGACY);
        byte[] sent = Wire.object(legacy).getBuffer().toByteArray();
        assertEquals(0, sent[9]);
        assertEquals(0, sent[10]);
        byte[] flatBody = ObjectCodec.encode(new Layer(Optional.of(D2), List.of(),
                new ObjectFormat(DigestStrategy.LEGACY, EncodingFormat.FLATBUFFERS)));
        assertEquals(hex(flatBody).substring(34), hex(sent).substring(34), "the body is the FlatBuffers one");
        SpfsObject back = Wire.object(true, Wire.object(legacy));
        assertEquals(legacy, back);
        assertEquals(legacy.digest(), back.digest());
        assertThrows(Wire.InvalidMessage.class, () -> Wire.object(true,
                spfs.storage.rpc.proto.TypesProto.Object.newBuilder().setMask(true).build()));
    }

    @Test
    void errorsAreTheInBandOneofSpfsDefines() {
        // Error { other = 1; UnknownObject = 2 { message = 1 } ; UnknownReference = 3 { message = 1 } }
        assertEquals(field(2, text(1, D1.toString())),
                hex(Wire.error(new UnknownObjectException("payload", D1)).toByteArray()));
        assertEquals(field(3, text(1, "a/b")), hex(Wire.error(new UnknownReferenceException("a/b")).toByteArray()));
        var readObject = DatabaseProto.ReadObjectResponse.newBuilder()
                .setError(Wire.error(new UnknownObjectException("object", D1))).build();
        assertEquals(field(1, field(2, text(1, D1.toString()))), hex(readObject.toByteArray()));
        // and back: the digest is parsed from the message's text
        var e = Wire.error(parse(ErrorProto.Error.parser(), field(2, text(1, D2.toString()))), "object", "srv");
        assertEquals(D2, ((UnknownObjectException) e).digest());
        SpfsException other = Wire.error(parse(ErrorProto.Error.parser(), text(1, "disk full")), "object", "grpc://s");
        assertEquals("grpc://s: disk full", other.getMessage());
    }

    @Test
    void payloadMessagesUseTheirOddFieldNumbers() {
        // HasPayloadResponse { bool exists = 3 }
        assertEquals(varintField(3, 1), hex(PayloadProto.HasPayloadResponse.newBuilder().setExists(true).build().toByteArray()));
        // the HTTP upload's answer: UploadResponse { ok = 2 { digest = 1, size = 2 } }
        var upload = PayloadProto.WritePayloadResponse.UploadResponse.newBuilder().setOk(
                PayloadProto.WritePayloadResponse.UploadResponse.UploadResult.newBuilder()
                        .setDigest(Wire.digest(D1)).setSize(300)).build();
        assertEquals(field(2, digest(1, D1) + varintField(2, 300)), hex(upload.toByteArray()));
        var open = PayloadProto.OpenPayloadResponse.newBuilder().setOk(PayloadProto.OpenPayloadResponse.DownloadOption
                .newBuilder().addLocations("http://h:7787/" + D1)).build();
        assertEquals(field(2, text(1, "http://h:7787/" + D1)), hex(open.toByteArray()));
    }

    @Test
    void tagRequestsUseTheirOddFieldNumbers() {
        // ResolveTagRequest { tag_spec = 2; namespace = 3 }
        assertEquals(text(2, "a/b~1") + text(3, "ns"), hex(TagProto.ResolveTagRequest.newBuilder()
                .setTagSpec("a/b~1").setNamespace("ns").build().toByteArray()));
        // LsTagsResponse { ok = 2 { entries = 2 { folder = 1 | tag = 2 | namespace = 3 } } }
        var ls = TagProto.LsTagsResponse.newBuilder().setOk(TagProto.LsTagsResponse.EntryList.newBuilder()
                .addEntries(TagProto.LsTagsResponse.Entry.newBuilder().setFolder("spk"))
                .addEntries(TagProto.LsTagsResponse.Entry.newBuilder().setTag("main"))).build();
        assertEquals(field(2, field(2, text(1, "spk")) + field(2, text(2, "main"))), hex(ls.toByteArray()));
        // DigestSearchCriteria { all = 1 {} | starts_with = 2 { bytes = 1 } }
        var find = DatabaseProto.FindDigestsRequest.newBuilder().setSearchCriteria(DatabaseProto.DigestSearchCriteria
                .newBuilder().setStartsWith(DatabaseProto.DigestSearchCriteria.StartsWith.newBuilder()
                        .setBytes(com.google.protobuf.ByteString.copyFrom(new byte[] {1, 2})))).build();
        assertEquals(field(1, field(2, field(1, "0102"))), hex(find.toByteArray()));
        // RemoveObjectIfOlderThanRequest { older_than = 1; digest = 2 }
        var remove = DatabaseProto.RemoveObjectIfOlderThanRequest.newBuilder().setOlderThan(Wire.time(T))
                .setDigest(Wire.digest(D1)).build();
        assertEquals(field(1, text(1, "2024-01-31 09:45:00.123456 UTC")) + digest(2, D1), hex(remove.toByteArray()));
    }

    @Test
    void partialDigestsAreSentAsTheirWholeBytes() {
        assertEquals("", hex(RpcRepository.wholeBytes("A")));
        assertEquals("00", hex(RpcRepository.wholeBytes("AA")));
        String text = D1.toString();
        assertEquals(hex(D1.bytes()).substring(0, 10), hex(RpcRepository.wholeBytes(text.substring(0, 8))));
        assertEquals(hex(D1.bytes()).substring(0, 8), hex(RpcRepository.wholeBytes(text.substring(0, 7))));
    }

    @Test
    void servicesAndMethodsHaveSpfsNames() {
        assertEquals("spfs.Repository/Ping", RepositoryGrpc.getPingMethod().getFullMethodName());
        assertEquals(List.of("spfs.DatabaseService/HasObject", "spfs.DatabaseService/ReadObject",
                "spfs.DatabaseService/FindDigests", "spfs.DatabaseService/IterObjects", "spfs.DatabaseService/WalkObjects",
                "spfs.DatabaseService/WriteObject", "spfs.DatabaseService/RemoveObject",
                "spfs.DatabaseService/RemoveObjectIfOlderThan"), names(DatabaseServiceGrpc.getServiceDescriptor()));
        assertEquals(List.of("spfs.TagService/LsTags", "spfs.TagService/ResolveTag", "spfs.TagService/FindTags",
                "spfs.TagService/IterTagSpecs", "spfs.TagService/ReadTag", "spfs.TagService/InsertTag",
                "spfs.TagService/RemoveTagStream", "spfs.TagService/RemoveTag"), names(TagServiceGrpc.getServiceDescriptor()));
        assertEquals(List.of("spfs.PayloadService/IterDigests", "spfs.PayloadService/HasPayload",
                "spfs.PayloadService/WritePayload", "spfs.PayloadService/OpenPayload", "spfs.PayloadService/RemovePayload"),
                names(PayloadServiceGrpc.getServiceDescriptor()));
    }

    private static List<String> names(io.grpc.ServiceDescriptor d) {
        return d.getMethods().stream().map(io.grpc.MethodDescriptor::getFullMethodName).toList();
    }

    private static spfs.storage.rpc.proto.TypesProto.DateTime time(String s) {
        return spfs.storage.rpc.proto.TypesProto.DateTime.newBuilder().setIsoTimestamp(s).build();
    }

    static <T> T parse(com.google.protobuf.Parser<T> parser, String hex) {
        try {
            return parser.parseFrom(Golden.bytes(hex));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
