package spfs.storage.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static spfs.storage.rpc.Golden.digest;
import static spfs.storage.rpc.Golden.field;
import static spfs.storage.rpc.Golden.hex;
import static spfs.storage.rpc.Golden.text;
import static spfs.storage.rpc.Golden.varintField;

import com.sun.net.httpserver.HttpServer;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.error.UnknownReferenceException;
import spfs.graph.Layer;
import spfs.graph.ObjectCodec;
import spfs.graph.ObjectFormat;
import spfs.storage.Repository;
import spfs.storage.TagDatabase.TagListing;
import spfs.storage.fs.FsRepository;
import spfs.commit.DirectoryCommitter;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.Syncer;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * The two sides against a peer that speaks only golden bytes: a "real spfs client" sending the
 * requests spfs's client sends (byte for byte, from the protocol description) to our server, and
 * our client against a "real spfs server" answering as spfs's server answers (times as chrono
 * prints them, folders without a slash, legacy objects with a FlatBuffers body, errors in band).
 */
@Timeout(60)
class ForeignPeersTest {
    @TempDir
    Path tmp;

    static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    static MethodDescriptor<byte[], byte[]> method(String fullName, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type).setFullMethodName(fullName)
                .setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
    }

    /** One call as a foreign client makes it: golden request bytes in, the raw answer out. */
    static byte[] unary(ManagedChannel ch, String method, String requestHex) {
        return ClientCalls.blockingUnaryCall(ch, method(method, MethodDescriptor.MethodType.UNARY),
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), Golden.bytes(requestHex));
    }

    @Test
    void anSpfsClientsRequestsAreAnsweredAsSpfsAnswersThem() throws Exception {
        FsRepository repo = FsRepository.create(tmp.resolve("repo"), Optional.empty());
        byte[] content = "hello world\n".getBytes(StandardCharsets.UTF_8);
        Digest payload = repo.writePayload(new ByteArrayInputStream(content), -1).digest();
        Tag tag = repo.pushTag(TagSpec.parse("demo/one"), payload, "alice@host");
        try (SpfsServer server = SpfsServer.start(repo, new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0), Optional.empty())) {
            ManagedChannel ch = Grpc.newChannelBuilderForAddress("127.0.0.1", server.grpcAddress().getPort(),
                    InsecureChannelCredentials.create()).build();
            try {
                assertEquals("", hex(unary(ch, "spfs.Repository/Ping", "")));
                // HasPayload { digest = 1 } -> { exists = 3 }
                assertEquals(varintField(3, 1), hex(unary(ch, "spfs.PayloadService/HasPayload", digest(1, payload))));
                assertEquals("", hex(unary(ch, "spfs.PayloadService/HasPayload", digest(1, Golden.D1))), "false is left out");
                // HasObject: there is no blob object for a bare payload
                assertEquals("", hex(unary(ch, "spfs.DatabaseService/HasObject", digest(1, payload))));
                // ResolveTag { tag_spec = 2 } -> { ok = 2 { Tag } }, the time as chrono prints it
                String time = Wire.time(tag.time()).getIsoTimestamp();
                assertTrue(time.endsWith(" UTC") && time.charAt(10) == ' ', time);
                String tagGolden = text(1, "demo") + text(2, "one") + digest(3, payload) + digest(4, Digest.NULL)
                        + text(5, "alice@host") + field(6, text(1, time));
                assertEquals(field(2, tagGolden), hex(unary(ch, "spfs.TagService/ResolveTag", text(2, "demo/one"))));
                // ReadTag of nothing -> { error = 1 { UnknownReference = 3 { message = 1 } } }
                assertEquals(field(1, field(3, text(1, "demo/none"))),
                        hex(unary(ch, "spfs.TagService/ReadTag", text(1, "demo/none"))));
                // LsTags { path = 1 } at the top: a folder, without its slash
                assertEquals(field(2, field(2, text(1, "demo"))), hex(unary(ch, "spfs.TagService/LsTags", "")));
                // OpenPayload -> { ok = 2 { locations = 1 } }: the payloads root and the digest
                String location = server.payloadsRoot().uri() + "/" + payload;
                assertEquals(field(2, text(1, location)), hex(unary(ch, "spfs.PayloadService/OpenPayload", digest(1, payload))));
                // WritePayload {} -> { ok = 2 { url = 1 } }
                assertEquals(field(2, text(1, server.payloadsRoot().uri().toString())),
                        hex(unary(ch, "spfs.PayloadService/WritePayload", "")));

                // spfs's client uploads bzip2 and asks for bzip2 first
                byte[] upload = "uploaded by spfs\n".getBytes(StandardCharsets.UTF_8);
                HttpURLConnection post = (HttpURLConnection) new URL(server.payloadsRoot().uri().toString()).openConnection();
                post.setRequestMethod("POST");
                post.setDoOutput(true);
                post.setRequestProperty("Content-Type", "application/x-bzip2");
                try (OutputStream out = new BZip2CompressorOutputStream(post.getOutputStream())) {
                    out.write(upload);
                }
                assertEquals(200, post.getResponseCode());
                byte[] answer = post.getInputStream().readAllBytes();
                assertEquals(field(2, digest(1, Digest.of(upload)) + varintField(2, upload.length)), hex(answer));
                assertTrue(repo.hasPayload(Digest.of(upload)));

                HttpURLConnection get = (HttpURLConnection) new URL(location).openConnection();
                get.addRequestProperty("Accept", "application/x-bzip2");
                get.addRequestProperty("Accept", "application/octet-stream");
                assertEquals(200, get.getResponseCode());
                assertEquals("application/x-bzip2", get.getContentType());
                try (InputStream in = new BZip2CompressorInputStream(get.getInputStream())) {
                    assertArrayEquals(content, in.readAllBytes());
                }
                HttpURLConnection plain = (HttpURLConnection) new URL(location).openConnection();
                assertEquals("application/octet-stream", plain.getContentType());
                assertArrayEquals(content, plain.getInputStream().readAllBytes());
            } finally {
                ch.shutdownNow();
            }
        }
    }

    @Test
    void ourClientReadsWhatAnSpfsServerSends() throws Exception {
        // a legacy layer as spfs's server sends it: legacy header, FlatBuffers body
        Layer legacy = new Layer(Optional.of(Golden.D2), List.of(), ObjectFormat.LEGACY);
        byte[] flat = ObjectCodec.encode(new Layer(Optional.of(Golden.D2), List.of(), ObjectFormat.DEFAULT));
        byte[] sent = flat.clone();
        sent[9] = 0;
        sent[10] = 0;
        byte[] content = "served by spfs\n".getBytes(StandardCharsets.UTF_8);
        Digest payload = Digest.of(content);
        String v0 = text(1, "spi") + text(2, "main") + digest(3, Golden.D1) + digest(4, Golden.D2) + text(5, "bob@farm")
                + field(6, text(1, "2024-02-01 10:00:00.5 UTC"));
        String v1 = text(1, "spi") + text(2, "main") + digest(3, Golden.D2) + digest(4, Digest.NULL) + text(5, "bob@farm")
                + field(6, text(1, "2024-01-31 09:45:00 UTC"));

        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, content.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(content);
            }
        });
        http.start();
        String location = "http://127.0.0.1:" + http.getAddress().getPort() + "/" + payload;
        List<String[]> calls = new CopyOnWriteArrayList<>();
        Map<String, String> answers = Map.of(
                "spfs.Repository/Ping", "",
                "spfs.TagService/ReadTag", field(2, field(1, v0) + field(1, v1)),
                "spfs.TagService/ResolveTag", field(1, field(3, text(1, "spi/nosuch"))),
                "spfs.TagService/LsTags", field(2, field(2, text(1, "spk")) + field(2, text(2, "main"))
                        + field(2, text(3, "ns1"))),
                "spfs.DatabaseService/ReadObject", field(2, field(7, hex(sent))),
                "spfs.PayloadService/OpenPayload", field(2, text(1, location)));
        Server fake = golden(answers, calls);
        try (Repository client = new spfs.storage.Repositories(config()).open(
                "grpc://127.0.0.1:" + fake.getPort() + "?timeout_ms=10000")) {
            List<Tag> stream = client.readTagStream(TagSpec.parse("spi/main"));
            assertEquals(text(1, "spi/main"), last(calls, "spfs.TagService/ReadTag"), "ReadTag { tag_spec = 1 }, no namespace");
            assertEquals(2, stream.size());
            assertEquals(java.time.Instant.parse("2024-02-01T10:00:00.5Z"), stream.get(0).time());
            assertEquals(Golden.D2, stream.get(0).parent());
            assertEquals(Golden.D2, stream.get(1).target());
            assertThrows(UnknownReferenceException.class, () -> client.resolveTag(TagSpec.parse("spi/nosuch")));
            assertEquals(text(2, "spi/nosuch"), last(calls, "spfs.TagService/ResolveTag"));
            assertEquals(List.of(new TagListing("spk/", true), new TagListing("main", false)), client.lsTags(""),
                    "folders get our trailing slash; namespaces are not tags");
            assertEquals(legacy, client.readObject(legacy.digest()));
            assertEquals(digest(1, legacy.digest()), last(calls, "spfs.DatabaseService/ReadObject"));
            try (InputStream in = client.openPayload(payload)) {
                assertArrayEquals(content, in.readAllBytes());
            }
        } finally {
            fake.shutdownNow();
            http.stop(0);
        }
    }

    @Test
    void ourClientPushesWhatAnSpfsServerAccepts() throws Exception {
        FsRepository local = FsRepository.create(tmp.resolve("local"), Optional.empty());
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        byte[] content = "pushed to spfs\n".getBytes(StandardCharsets.UTF_8);
        Files.write(tree.resolve("file"), content);
        Digest layer = new DirectoryCommitter(local, ObjectFormat.DEFAULT, 1).commit(tree).layer().digest();
        Tag tag = local.pushTag(TagSpec.parse("demo/pushed"), layer, "carol@ws");

        // spfs's HTTP side: a body with no Content-Type, octet-stream or bzip2 (else 415), answered
        // with an UploadResponse; it knows nothing of our digest header
        Map<Digest, byte[]> uploaded = new ConcurrentHashMap<>();
        List<String> types = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            types.add(String.valueOf(type));
            if (!ex.getRequestMethod().equals("POST") || type != null && !type.equals("application/octet-stream")
                    && !type.equals("application/x-bzip2")) {
                ex.sendResponseHeaders(415, -1);
                ex.close();
                return;
            }
            InputStream in = ex.getRequestBody();
            byte[] body = ("application/x-bzip2".equals(type) ? new BZip2CompressorInputStream(in) : in).readAllBytes();
            Digest d = Digest.of(body);
            uploaded.put(d, body);
            byte[] answer = Golden.bytes(field(2, digest(1, d) + varintField(2, body.length)));
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        http.start();
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
        List<String[]> calls = new CopyOnWriteArrayList<>();
        String unknown = field(1, field(3, text(1, "demo/pushed")));
        Server fake = golden(Map.of(
                "spfs.Repository/Ping", "",
                "spfs.DatabaseService/HasObject", "",
                "spfs.PayloadService/HasPayload", "",
                "spfs.PayloadService/WritePayload", field(2, text(1, url)),
                "spfs.DatabaseService/WriteObject", field(2, ""),
                "spfs.TagService/ReadTag", unknown,
                "spfs.TagService/ResolveTag", unknown,
                "spfs.TagService/InsertTag", field(2, "")), calls);
        try (Repository client = new spfs.storage.Repositories(config()).open(
                "grpc://127.0.0.1:" + fake.getPort() + "?timeout_ms=10000");
                Syncer push = new Syncer(local, client, SyncPolicy.LATEST_TAGS, 1, SyncReporter.NONE)) {
            push.syncTag(tag);
        } finally {
            fake.shutdownNow();
            http.stop(0);
        }
        assertArrayEquals(content, uploaded.get(Digest.of(content)), "the file's bytes, posted to the upload URL");
        assertEquals(List.of("application/octet-stream"), types);
        // WriteObject { object = 1 { buffer = 7 } }: each object in its transfer form
        java.util.Set<Digest> written = new java.util.HashSet<>();
        for (String[] call : calls) {
            if (call[0].equals("spfs.DatabaseService/WriteObject")) {
                byte[] inner = Golden.bytes(Golden.contents(7, Golden.contents(1, call[1])));
                spfs.graph.SpfsObject o = ObjectCodec.decodeTransferred(inner);
                assertEquals(field(1, field(7, hex(ObjectCodec.encodeForTransfer(o)))), call[1]);
                written.add(o.digest());
            }
        }
        Layer sent = (Layer) local.readObject(layer);
        assertTrue(written.containsAll(List.of(layer, sent.manifest().orElseThrow())), written.toString());
        // InsertTag { tag = 1 }, no namespace: the very version, with its parent, user and time
        String time = Wire.time(tag.time()).getIsoTimestamp();
        String tagGolden = text(1, "demo") + text(2, "pushed") + digest(3, layer) + digest(4, Digest.NULL)
                + text(5, "carol@ws") + field(6, text(1, time));
        String[] last = calls.get(calls.size() - 1);
        assertEquals("spfs.TagService/InsertTag", last[0], "the tag goes last, once its objects are stored");
        assertEquals(field(1, tagGolden), last[1]);
    }

    /** The request of the last call of {@code method}. */
    static String last(List<String[]> calls, String method) {
        String found = null;
        for (String[] c : calls) {
            if (c[0].equals(method)) {
                found = c[1];
            }
        }
        return found;
    }

    @Test
    void anSpfsServerIsAskedForBzip2AsItReadsAcceptAndAMissingPayloadIsMissing() throws Exception {
        byte[] content = "compressed by spfs\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        Digest payload = Digest.of(content);
        List<String> served = new CopyOnWriteArrayList<>();
        // spfs's download side: each Accept line compared whole, in order; a payload it lacks
        // makes its handler fail, and the connection is dropped without an answer
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (!path.equals("/" + payload)) {
                served.add("dropped");
                ex.close();
                return;
            }
            boolean bzip2 = false;
            for (String accept : ex.getRequestHeaders().getOrDefault("Accept", List.of())) {
                if (accept.equals("application/octet-stream")) {
                    break;
                }
                if (accept.equals("application/x-bzip2")) {
                    bzip2 = true;
                    break;
                }
            }
            served.add(bzip2 ? "bzip2" : "plain");
            ex.getResponseHeaders().set("Content-Type", bzip2 ? "application/x-bzip2" : "application/octet-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = bzip2 ? new BZip2CompressorOutputStream(ex.getResponseBody()) : ex.getResponseBody()) {
                out.write(content);
            }
        });
        http.start();
        String root = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
        List<String[]> calls = new CopyOnWriteArrayList<>();
        Server fake = answering(Map.of("spfs.Repository/Ping", req -> "", "spfs.PayloadService/OpenPayload",
                req -> req.equals(digest(1, payload)) ? field(2, text(1, root + payload))
                        : field(1, field(2, text(1, Golden.D1.toString())))), calls);
        try (Repository client = new spfs.storage.Repositories(config()).open(
                "grpc://127.0.0.1:" + fake.getPort() + "?timeout_ms=10000&compress=bzip2")) {
            try (InputStream in = client.openPayload(payload)) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertThrows(spfs.error.UnknownObjectException.class, () -> client.openPayload(Golden.D1),
                    "the direct fetch fails, and the server's answer says the payload is missing");
            try (InputStream in = client.openPayload(payload)) {
                assertArrayEquals(content, in.readAllBytes());
            }
        } finally {
            fake.shutdownNow();
            http.stop(0);
        }
        // the JDK's client tries a GET on a dropped connection twice before it reports it
        assertEquals("bzip2", served.get(0));
        assertEquals("bzip2", served.get(served.size() - 1));
        assertTrue(served.subList(1, served.size() - 1).stream().allMatch("dropped"::equals) && served.size() > 2,
                served.toString());
        assertEquals(List.of(digest(1, payload), digest(1, Golden.D1), digest(1, payload)), calls.stream()
                .filter(c -> c[0].endsWith("OpenPayload")).map(c -> c[1]).toList(), "asked again after the failure");
    }

    /** A server that answers each method with fixed bytes; every call (method, request) logged in order. */
    static Server golden(Map<String, String> answers, List<String[]> calls) throws java.io.IOException {
        Map<String, java.util.function.UnaryOperator<String>> fixed = new java.util.HashMap<>();
        answers.forEach((name, answer) -> fixed.put(name, req -> answer));
        return answering(fixed, calls);
    }

    /** A server whose answer to each method is worked out from the request's bytes; every call logged. */
    static Server answering(Map<String, java.util.function.UnaryOperator<String>> answers, List<String[]> calls)
            throws java.io.IOException {
        Map<String, ServerServiceDefinition.Builder> services = new java.util.TreeMap<>();
        answers.forEach((name, answer) -> {
            String service = name.substring(0, name.indexOf('/'));
            services.computeIfAbsent(service, ServerServiceDefinition::builder).addMethod(
                    method(name, MethodDescriptor.MethodType.UNARY), ServerCalls.asyncUnaryCall((req, out) -> {
                        calls.add(new String[] {name, hex(req)});
                        out.onNext(Golden.bytes(answer.apply(hex(req))));
                        out.onCompleted();
                    }));
        });
        var b = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create());
        services.values().forEach(s -> b.addService(s.build()));
        return b.build().start();
    }

    static spfs.config.Config config() {
        return spfs.config.ConfigLoader.load(Map.of("HOME", "/nonexistent", "XDG_CONFIG_HOME", "/nonexistent"));
    }
}
