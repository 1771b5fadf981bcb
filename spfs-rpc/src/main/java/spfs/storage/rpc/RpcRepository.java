package spfs.storage.rpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import spfs.encoding.Digest;
import spfs.encoding.HashCheckedInputStream;
import spfs.encoding.PartialDigest;
import spfs.error.CorruptObjectException;
import spfs.error.IoMessages;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.graph.SpfsObject;
import spfs.storage.ForwardingRepository;
import spfs.storage.Repository;
import spfs.storage.WriteSession;
import spfs.storage.rpc.proto.DatabaseProto;
import spfs.storage.rpc.proto.DatabaseServiceGrpc;
import spfs.storage.rpc.proto.ErrorProto;
import spfs.storage.rpc.proto.PayloadProto;
import spfs.storage.rpc.proto.PayloadProto.WritePayloadResponse.UploadResponse;
import spfs.storage.rpc.proto.PayloadServiceGrpc;
import spfs.storage.rpc.proto.RepositoryGrpc;
import spfs.storage.rpc.proto.RepositoryProto;
import spfs.storage.rpc.proto.TagProto;
import spfs.storage.rpc.proto.TagServiceGrpc;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spfs.tag.TagTime;

/**
 * A repository served by an spfs server ({@code grpc://host:port}, {@code http2://host:port}),
 * spoken to as spfs's own client does: gRPC for objects and tags, and for payloads the HTTP
 * locations the server names. Payloads read are checked against their digest as they stream, and
 * payloads written with a known digest carry it, so the server refuses wrong bytes. Every write is
 * durable on the server when its call returns, so a write session needs no flush of its own.
 * Network and server failures are one-line errors naming the server.
 */
public final class RpcRepository implements Repository {
    private final String address;
    private final RpcConnection connection;
    private final Optional<String> namespace;
    private final boolean ownsConnection;

    RpcRepository(String address, RpcConnection connection, Optional<String> namespace, boolean ownsConnection) {
        this.address = address;
        this.connection = connection;
        this.namespace = namespace;
        this.ownsConnection = ownsConnection;
    }

    @Override
    public String address() {
        return address;
    }

    /** Fails unless the server answers a ping. */
    void ping() {
        call(() -> connection.stub(RepositoryGrpc.newBlockingStub(connection.channel()))
                .ping(RepositoryProto.PingRequest.getDefaultInstance()));
    }

    @Override
    public Repository withTagNamespace(Optional<String> ns) {
        return ns.equals(namespace) ? this : new RpcRepository(address, connection, ns, false);
    }

    @Override
    public Optional<String> tagNamespace() {
        return namespace;
    }

    /** Writes are durable on the server when each call returns: nothing to flush. */
    @Override
    public WriteSession beginWrite() {
        return new Session(this);
    }

    @Override
    public void close() {
        if (ownsConnection) {
            connection.close();
        }
    }

    // ---- calls

    private DatabaseServiceGrpc.DatabaseServiceBlockingStub db() {
        return connection.stub(DatabaseServiceGrpc.newBlockingStub(connection.channel()));
    }

    private TagServiceGrpc.TagServiceBlockingStub tags() {
        return connection.stub(TagServiceGrpc.newBlockingStub(connection.channel()));
    }

    private PayloadServiceGrpc.PayloadServiceBlockingStub payloads() {
        return connection.stub(PayloadServiceGrpc.newBlockingStub(connection.channel()));
    }

    private String ns() {
        return namespace.orElse("");
    }

    /** One call; a transport failure becomes one line naming the server. */
    private <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw failed(e);
        }
    }

    private SpfsException failed(StatusRuntimeException e) {
        Status s = e.getStatus();
        String why = switch (s.getCode()) {
            case UNAVAILABLE -> "cannot reach the server" + detail(s);
            case DEADLINE_EXCEEDED -> "no answer within " + connection.timeout().map(d -> d.toMillis() + " ms").orElse("the time allowed");
            case UNIMPLEMENTED -> "the server does not offer this" + detail(s);
            case RESOURCE_EXHAUSTED -> "a message is larger than allowed" + detail(s)
                    + " (raise max_decode_message_size_bytes in the address)";
            default -> s.getCode() + detail(s);
        };
        return SpfsException.environment("remote-failed", address + ": " + why, e);
    }

    private static String detail(Status s) {
        Throwable c = s.getCause();
        while (c != null && c.getCause() != null) {
            c = c.getCause();
        }
        String d = c != null && c.getMessage() != null ? c.getMessage() : s.getDescription();
        return d == null ? "" : " (" + d.lines().findFirst().orElse("") + ")";
    }

    private SpfsException error(ErrorProto.Error e, String what) {
        return Wire.error(e, what, address);
    }

    // ---- objects

    @Override
    public boolean hasObject(Digest digest) {
        return call(() -> db().hasObject(DatabaseProto.HasObjectRequest.newBuilder().setDigest(Wire.digest(digest)).build()))
                .getExists();
    }

    @Override
    public SpfsObject readObject(Digest digest) {
        DatabaseProto.ReadObjectResponse r = call(() -> db().readObject(
                DatabaseProto.ReadObjectRequest.newBuilder().setDigest(Wire.digest(digest)).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
        SpfsObject o = Wire.object(r.hasOk(), r.getOk());
        if (!o.digest().equals(digest)) {
            throw new CorruptObjectException("object " + digest + " from " + address, "it hashes to " + o.digest());
        }
        return o;
    }

    @Override
    public Digest writeObject(SpfsObject object) {
        DatabaseProto.WriteObjectResponse r = call(() -> db().writeObject(
                DatabaseProto.WriteObjectRequest.newBuilder().setObject(Wire.object(object)).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
        return object.digest();
    }

    @Override
    public Stream<Digest> objectDigests() {
        return findDigests(DatabaseProto.DigestSearchCriteria.newBuilder()
                .setAll(DatabaseProto.DigestSearchCriteria.All.getDefaultInstance()).build()).stream();
    }

    /** Asks for the digests starting with the partial's whole bytes, then keeps those its text starts. */
    @Override
    public List<Digest> findObjects(PartialDigest partial) {
        byte[] prefix = wholeBytes(partial.text());
        List<Digest> found = findDigests(DatabaseProto.DigestSearchCriteria.newBuilder()
                .setStartsWith(DatabaseProto.DigestSearchCriteria.StartsWith.newBuilder()
                        .setBytes(com.google.protobuf.ByteString.copyFrom(prefix))).build());
        return found.stream().filter(partial::matches).toList();
    }

    /** The bytes that base32 text decodes to, its trailing bits (less than a byte) dropped, as spfs does. */
    static byte[] wholeBytes(String base32) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0) {
                break;
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    private List<Digest> findDigests(DatabaseProto.DigestSearchCriteria criteria) {
        List<Digest> out = new ArrayList<>();
        call(() -> {
            Iterator<DatabaseProto.FindDigestsResponse> it = db().findDigests(
                    DatabaseProto.FindDigestsRequest.newBuilder().setSearchCriteria(criteria).build());
            while (it.hasNext()) {
                DatabaseProto.FindDigestsResponse r = it.next();
                if (r.hasError()) {
                    throw error(r.getError(), "object");
                }
                out.add(Wire.digest(r.hasOk(), r.getOk(), "digest"));
            }
            return out;
        });
        return out;
    }

    @Override
    public boolean removeObject(Digest digest) {
        boolean had = hasObject(digest);
        DatabaseProto.RemoveObjectResponse r = call(() -> db().removeObject(
                DatabaseProto.RemoveObjectRequest.newBuilder().setDigest(Wire.digest(digest)).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
        return had;
    }

    @Override
    public boolean removeObjectIfOlderThan(Digest digest, Instant cutoff) {
        DatabaseProto.RemoveObjectIfOlderThanResponse r = call(() -> db().removeObjectIfOlderThan(
                DatabaseProto.RemoveObjectIfOlderThanRequest.newBuilder().setDigest(Wire.digest(digest))
                        .setOlderThan(Wire.time(cutoff)).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
        return r.getOk();
    }

    // ---- payloads

    @Override
    public boolean hasPayload(Digest digest) {
        return call(() -> payloads().hasPayload(
                PayloadProto.HasPayloadRequest.newBuilder().setDigest(Wire.digest(digest)).build())).getExists();
    }

    /** Downloads from the location the server names, checking the bytes against the digest as they arrive. */
    @Override
    public InputStream openPayload(Digest digest) {
        return new HashCheckedInputStream(download(digest), digest);
    }

    /**
     * Asks for up to {@value PayloadBatch#MAX_DIGESTS} payloads in one answer ({@link PayloadBatch}),
     * each checked against its digest as it is read, once the download prefix is known (the first
     * payload is asked for alone to learn it) and unless the server has answered a batch with
     * anything else (spfs's own server: then one by one, as {@link #openPayload}). A payload the
     * batch says is not there is asked for alone, so the server may name another location or say
     * it is missing.
     */
    @Override
    public void readPayloads(List<Digest> digests, PayloadReader reader) throws IOException {
        int next = 0;
        while (next < digests.size()) {
            List<Digest> part = digests.subList(next, Math.min(digests.size(), next + PayloadBatch.MAX_DIGESTS));
            Optional<String> url = part.size() < 2 ? Optional.empty()
                    : connection.batchPrefix().flatMap(prefix -> PayloadBatch.url(prefix, part));
            if (url.isPresent() && readBatch(url.get(), part, reader)) {
                next += part.size();
            } else {
                readOne(digests.get(next++), reader);
            }
        }
    }

    /** Reads {@code part} from one batch answer; false (nothing read) if the server does not answer batches. */
    private boolean readBatch(String url, List<Digest> part, PayloadReader reader) throws IOException {
        RpcConnection.Download resp;
        try {
            resp = connection.get(url, List.of(PayloadBatch.TYPE));
        } catch (SpfsException e) {
            // a server may drop the connection on a path it cannot read; if it is down, asking
            // for the payload alone says so
            connection.refuseBatches();
            return false;
        }
        String type = resp.contentType().map(t -> t.split(";")[0].strip()).orElse("");
        if (resp.status() != 200 || !type.equals(PayloadBatch.TYPE)) {
            drain(resp.body());
            connection.refuseBatches();
            return false;
        }
        try (InputStream body = resp.body()) {
            PayloadBatch.Frames frames = new PayloadBatch.Frames(body);
            for (Digest d : part) {
                Optional<InputStream> here = frames.next(d);
                if (here.isPresent()) {
                    reader.read(d, new HashCheckedInputStream(here.get(), d));
                } else {
                    readOne(d, reader);
                }
            }
            frames.end();
        }
        return true;
    }

    private void readOne(Digest d, PayloadReader reader) throws IOException {
        try (InputStream in = openPayload(d)) {
            reader.read(d, in);
        }
    }

    private InputStream download(Digest digest) {
        Optional<String> prefix = connection.downloadPrefix();
        if (prefix.isPresent()) {
            Optional<InputStream> direct;
            try {
                direct = get(prefix.get() + digest, digest);
            } catch (SpfsException e) {
                // spfs's server drops the connection (or answers 500) for a payload it lacks: the
                // gRPC answer below says whether it is missing or the server is in trouble
                direct = Optional.empty();
            }
            if (direct.isPresent()) {
                return direct.get();
            }
            connection.forgetDownloadPrefix();
        }
        PayloadProto.OpenPayloadResponse r = call(() -> payloads().openPayload(
                PayloadProto.OpenPayloadRequest.newBuilder().setDigest(Wire.digest(digest)).build()));
        if (r.hasError()) {
            throw error(r.getError(), "payload");
        }
        if (r.getOk().getLocationsCount() == 0) {
            throw SpfsException.environment("remote-failed", address + " named no location to download payload "
                    + digest + " from", null);
        }
        String location = r.getOk().getLocations(0);
        InputStream in = get(location, digest).orElseThrow(() -> new UnknownObjectException("payload", digest));
        connection.learnDownloadLocation(location, digest.toString());
        return in;
    }

    /** The payload's bytes from {@code location}; empty if it answers 404. */
    private Optional<InputStream> get(String location, Digest digest) {
        // one header line per type: spfs's server compares each Accept line whole, in order
        List<String> accept = connection.compressDownloads() ? List.of(PayloadHttp.BZIP2, PayloadHttp.OCTETS)
                : List.of(PayloadHttp.OCTETS);
        RpcConnection.Download resp = connection.get(location, accept);
        if (resp.status() != 200) {
            String body = drain(resp.body());
            if (resp.status() == 404) {
                return Optional.empty();
            }
            throw SpfsException.environment("remote-failed", location + " answered " + resp.status()
                    + (body.isBlank() ? "" : ": " + body.strip().lines().findFirst().orElse("")), null);
        }
        String type = resp.contentType().orElse(PayloadHttp.OCTETS);
        try {
            return Optional.of(PayloadHttp.BZIP2.equals(type) ? new BZip2CompressorInputStream(resp.body()) : resp.body());
        } catch (IOException e) {
            drain(resp.body());
            throw SpfsException.environment("remote-failed", "cannot read payload " + digest + " from " + location
                    + ": " + IoMessages.describe(e), e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode) {
        return upload(data, Optional.empty());
    }

    /** The server is told the digest and refuses other bytes before they are visible. */
    @Override
    public PayloadWrite writePayload(InputStream data, int mode, Digest expected) {
        return upload(data, Optional.of(expected));
    }

    private PayloadWrite upload(InputStream data, Optional<Digest> expected) {
        String url = connection.uploadUrl().orElseGet(() -> {
            PayloadProto.WritePayloadResponse option = call(() -> payloads().writePayload(
                    PayloadProto.WritePayloadRequest.getDefaultInstance()));
            if (option.hasError()) {
                throw error(option.getError(), "payload");
            }
            connection.learnUploadUrl(option.getOk().getUrl());
            return option.getOk().getUrl();
        });
        Map<String, String> headers = expected.map(d -> Map.of(PayloadHttp.DIGEST_HEADER, d.toString())).orElse(Map.of());
        PayloadClient.Posted resp = connection.post(url, data, PayloadHttp.OCTETS, headers);
        UploadResponse answer;
        try {
            answer = UploadResponse.parseFrom(resp.body());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw SpfsException.environment("remote-failed", url + " answered " + resp.status()
                    + " with something that is not an upload response", e);
        }
        if (answer.hasError()) {
            if (expected.isPresent() && answer.getError().hasOther() && resp.status() == PayloadHttp.MISMATCH) {
                throw new CorruptObjectException("payload " + expected.get(), answer.getError().getOther());
            }
            throw error(answer.getError(), "payload");
        }
        Digest d = Wire.digest(answer.getOk().hasDigest(), answer.getOk().getDigest(), "digest");
        if (expected.isPresent() && !expected.get().equals(d)) {
            throw new CorruptObjectException("payload " + expected.get(), "the server stored it as " + d);
        }
        // the protocol does not say whether the payload was new; a sync counts it as copied
        return new PayloadWrite(d, answer.getOk().getSize(), true);
    }

    @Override
    public Stream<Digest> payloadDigests() {
        List<Digest> out = new ArrayList<>();
        call(() -> {
            Iterator<DatabaseProto.IterDigestsResponse> it = payloads().iterDigests(
                    DatabaseProto.IterDigestsRequest.getDefaultInstance());
            while (it.hasNext()) {
                DatabaseProto.IterDigestsResponse r = it.next();
                if (r.hasError()) {
                    throw error(r.getError(), "payload");
                }
                out.add(Wire.digest(r.hasOk(), r.getOk(), "digest"));
            }
            return out;
        });
        return out.stream();
    }

    @Override
    public boolean removePayload(Digest digest) {
        boolean had = hasPayload(digest);
        PayloadProto.RemovePayloadResponse r = call(() -> payloads().removePayload(
                PayloadProto.RemovePayloadRequest.newBuilder().setDigest(Wire.digest(digest)).build()));
        if (r.hasError()) {
            throw error(r.getError(), "payload");
        }
        return had;
    }

    /** spfs's protocol has no such call: cleaning is done on the server's own repository. */
    @Override
    public boolean removePayloadIfOlderThan(Digest digest, Instant cutoff) {
        throw SpfsException.badInput("not-over-rpc", address + ": payloads cannot be removed by age over spfs's "
                + "protocol; run 'spfs clean' where the repository is");
    }

    /** The protocol has no size call: the payload is downloaded and counted. */
    @Override
    public long payloadSize(Digest digest) {
        try (InputStream in = download(digest)) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw SpfsException.environment("remote-failed", "cannot read payload " + digest + " from " + address
                    + ": " + IoMessages.describe(e), e);
        }
    }

    // ---- tags

    @Override
    public List<Tag> readTagStream(TagSpec spec) {
        TagProto.ReadTagResponse r = call(() -> tags().readTag(TagProto.ReadTagRequest.newBuilder()
                .setTagSpec(spec.withVersion(0).toString()).setNamespace(ns()).build()));
        if (r.hasError()) {
            if (r.getError().hasUnknownReference()) {
                return List.of();
            }
            throw error(r.getError(), "object");
        }
        return r.getOk().getTagsList().stream().map(Wire::tag).toList();
    }

    @Override
    public Tag resolveTag(TagSpec spec) {
        TagProto.ResolveTagResponse r = call(() -> tags().resolveTag(TagProto.ResolveTagRequest.newBuilder()
                .setTagSpec(spec.toString()).setNamespace(ns()).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
        return Wire.tag(r.getOk());
    }

    @Override
    public void insertTag(Tag tag) {
        TagProto.InsertTagResponse r = call(() -> tags().insertTag(TagProto.InsertTagRequest.newBuilder()
                .setTag(Wire.tag(tag)).setNamespace(ns()).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
    }

    /**
     * As spfs's client: the head is read, and a new version made on top of it is inserted. Two
     * clients pushing at once both insert theirs; the server keeps both, ordered by time.
     */
    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        List<Tag> versions = readTagStream(spec);
        Tag head = versions.isEmpty() ? null : versions.get(0);
        if (head != null && head.target().equals(target)) {
            return head;
        }
        Instant now = TagTime.now();
        if (head != null && !now.isAfter(head.time())) {
            now = head.time().plusNanos(1000);
        }
        Tag t = new Tag(spec.org(), spec.name(), target, head == null ? Digest.NULL : head.digest(), user, now);
        insertTag(t);
        return t;
    }

    @Override
    public void removeTag(Tag tag) {
        TagProto.RemoveTagResponse r = call(() -> tags().removeTag(TagProto.RemoveTagRequest.newBuilder()
                .setTag(Wire.tag(tag)).setNamespace(ns()).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        TagProto.RemoveTagStreamResponse r = call(() -> tags().removeTagStream(TagProto.RemoveTagStreamRequest.newBuilder()
                .setTagSpec(spec.withVersion(0).toString()).setNamespace(ns()).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
    }

    @Override
    public Stream<TagSpec> tagStreams() {
        TagProto.IterTagSpecsResponse r = call(() -> tags().iterTagSpecs(
                TagProto.IterTagSpecsRequest.newBuilder().setNamespace(ns()).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
        return r.getOk().getTagSpecsList().stream().map(TagSpec::parse).toList().stream();
    }

    /** Folders end in "/" here as in every repository of ours; namespaces are not listed. */
    @Override
    public List<TagListing> lsTags(String path) {
        TagProto.LsTagsResponse r = call(() -> tags().lsTags(TagProto.LsTagsRequest.newBuilder()
                .setPath(path).setNamespace(ns()).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
        List<TagListing> out = new ArrayList<>();
        for (TagProto.LsTagsResponse.Entry e : r.getOk().getEntriesList()) {
            switch (e.getKindCase()) {
                case FOLDER -> out.add(new TagListing(e.getFolder() + "/", true));
                case TAG -> out.add(new TagListing(e.getTag(), false));
                default -> { }
            }
        }
        return out;
    }

    @Override
    public List<TagSpec> findTags(Digest digest) {
        TagProto.FindTagsResponse r = call(() -> tags().findTags(TagProto.FindTagsRequest.newBuilder()
                .setDigest(Wire.digest(digest)).setNamespace(ns()).build()));
        if (r.hasError()) {
            throw error(r.getError(), "object");
        }
        return r.getOk().getTagsList().stream().map(TagSpec::parse).toList();
    }

    /** A session of a remote repository: the repository itself, whose writes are durable on return. */
    private static final class Session extends ForwardingRepository implements WriteSession {
        Session(RpcRepository repo) {
            super(repo);
        }

        @Override
        public WriteSession beginWrite() {
            return new Session((RpcRepository) delegate());
        }

        @Override
        public void flush() {
            // every write already returned durable
        }

        @Override
        public void close() {
            // the repository stays open for its owner
        }
    }
}
