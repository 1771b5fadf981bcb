package spfs.storage.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import spfs.check.CheckReport;
import spfs.check.Checker;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.graph.ObjectFormat;
import spfs.storage.Repositories;
import spfs.storage.Repository;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.Syncer;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/** The server under concurrent writers and hostile bytes, over loopback, every wait bounded. */
@Timeout(180)
class ServerReliabilityTest {
    static final int CLIENTS = 8;

    @TempDir
    Path tmp;

    FsRepository served;
    SpfsServer server;

    @BeforeEach
    void start() {
        served = FsRepository.create(tmp.resolve("served"), Optional.empty());
        server = SpfsServer.start(served, new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0),
                Optional.empty());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String address() {
        return "grpc://127.0.0.1:" + server.grpcAddress().getPort();
    }

    /** Half of each client's files are the same in every client's layer; the other half its own. */
    Digest commit(FsRepository repo, int client) throws Exception {
        Path d = tmp.resolve("tree-" + client);
        for (int i = 0; i < 20; i++) {
            Path f = d.resolve("shared/f" + i);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "shared file " + i + "\n".repeat(i * 500));
            Path own = d.resolve("own/f" + i);
            Files.createDirectories(own.getParent());
            Files.writeString(own, "client " + client + " file " + i + "\n".repeat(i * 700));
        }
        Files.write(d.resolve("shared/big"), new byte[400_000]);
        return new DirectoryCommitter(repo, ObjectFormat.DEFAULT, 2).commit(d).layer().digest();
    }

    @Test
    void eightClientsPushingOverlappingLayersAndTagsAtOnceLoseNothing() throws Exception {
        List<FsRepository> locals = new ArrayList<>();
        List<Tag> sharedVersions = new ArrayList<>();
        List<Tag> ownTags = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            FsRepository local = FsRepository.create(tmp.resolve("local-" + c), Optional.empty());
            Digest layer = commit(local, c);
            // every client has its own version of one shared stream, and a stream of its own
            sharedVersions.add(local.pushTag(TagSpec.parse("studio/shared"), layer, "client" + c + "@host"));
            ownTags.add(local.pushTag(TagSpec.parse("studio/client" + c), layer, "client" + c + "@host"));
            locals.add(local);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> pushes = new ArrayList<>();
        Repositories repositories = new Repositories(ForeignPeersTest.config());
        for (int c = 0; c < CLIENTS; c++) {
            FsRepository local = locals.get(c);
            Tag shared = sharedVersions.get(c);
            Tag own = ownTags.get(c);
            int client = c;
            pushes.add(pool.submit(() -> {
                try (Repository remote = repositories.open(address())) {
                    go.await();
                    try (Syncer s = new Syncer(local, remote, SyncPolicy.LATEST_TAGS, 4, SyncReporter.NONE)) {
                        s.syncTag(shared);
                        s.syncTag(own);
                    }
                    // and a version pushed by the server's clock, on the shared stream too
                    remote.pushTag(TagSpec.parse("studio/pushed"), own.target(), "client" + client + "@host");
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : pushes) {
            f.get(150, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(Set.copyOf(sharedVersions), Set.copyOf(served.readTagStream(TagSpec.parse("studio/shared"))),
                "every client's version of the shared stream, no more, no fewer");
        for (Tag own : ownTags) {
            assertEquals(own, served.resolveTag(TagSpec.parse(own.path())));
        }
        List<Tag> pushed = served.readTagStream(TagSpec.parse("studio/pushed"));
        Set<String> pushers = new HashSet<>();
        pushed.forEach(t -> pushers.add(t.user()));
        assertEquals(CLIENTS, pushers.size(), "every client's push kept: " + pushed);
        CheckReport check = new Checker(served, Optional.empty(), 2).check(List.of());
        assertEquals(0, check.unresolved(), check.problems().toString());
        assertEquals(CLIENTS * 3, check.tagsChecked(), "tag versions checked");
    }

    @Test
    void garbageOnBothPortsDoesNotStopTheServer() throws Exception {
        byte[] payload = "still served\n".getBytes(StandardCharsets.UTF_8);
        Digest d = served.writePayload(new ByteArrayInputStream(payload), -1).digest();
        Random random = new Random(7);
        int[] ports = {server.grpcAddress().getPort(), server.httpAddress().getPort()};
        List<byte[]> junk = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] b = new byte[1 + random.nextInt(64 * 1024)];
            random.nextBytes(b);
            junk.add(b);
        }
        // the HTTP/2 preface and then nonsense frames; a request line and then nonsense; a header that never ends
        junk.add(concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII), junk.get(0)));
        junk.add("GET /\u0000\u0001 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        junk.add(("POST / HTTP/1.1\r\nContent-Length: 99999999\r\nContent-Type: application/x-bzip2\r\n\r\n"
                + "BZh9not bzip2 at all").getBytes(StandardCharsets.US_ASCII));
        junk.add(("GET /" + "A".repeat(100_000)).getBytes(StandardCharsets.US_ASCII));
        for (int port : ports) {
            for (byte[] bytes : junk) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(2000);
                    OutputStream out = s.getOutputStream();
                    out.write(bytes);
                    out.flush();
                    s.shutdownOutput();
                    InputStream in = s.getInputStream();
                    in.readNBytes(4096);
                } catch (java.io.IOException e) {
                    // the server may close on us: that is a fine answer to garbage
                }
            }
        }
        // a well-formed gRPC call whose message is not protobuf
        ManagedChannel ch = Grpc.newChannelBuilderForAddress("127.0.0.1", ports[0], InsecureChannelCredentials.create()).build();
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(ch,
                    ForeignPeersTest.method("spfs.DatabaseService/ReadObject", MethodDescriptor.MethodType.UNARY),
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), new byte[] {(byte) 0xff, 0x13, 0x37}));
            assertTrue(e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE, e.toString());
            // a digest of the wrong length is refused, in band or as INVALID_ARGUMENT
            byte[] answer = ClientCalls.blockingUnaryCall(ch,
                    ForeignPeersTest.method("spfs.DatabaseService/ReadObject", MethodDescriptor.MethodType.UNARY),
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), Golden.bytes(Golden.field(1, Golden.field(1, "0102"))));
            assertTrue(Golden.hex(answer).startsWith("0a"), "an error, in band: " + Golden.hex(answer));
        } finally {
            ch.shutdownNow();
        }
        // and it still serves everyone else
        try (Repository client = new Repositories(ForeignPeersTest.config()).open(address());
                InputStream in = client.openPayload(d)) {
            assertEquals("still served\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(client.hasPayload(d));
        }
        assertEquals(List.of(d), served.payloadDigests().toList(), "nothing was stored from the garbage");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
