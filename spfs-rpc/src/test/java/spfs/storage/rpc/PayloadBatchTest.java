package spfs.storage.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.encoding.HashCheckedInputStream;
import spfs.error.UnknownObjectException;
import spfs.storage.Repositories;
import spfs.storage.Repository;
import spfs.storage.fs.FsRepository;

/**
 * Many payloads in one answer ({@link PayloadBatch}): our server's side read on the wire, and our
 * client's side against payload hosts that answer batches, that do not (as spfs's server), and
 * that answer them wrongly.
 */
@Timeout(120)
class PayloadBatchTest {
    @TempDir
    Path tmp;

    SpfsServer server;
    HttpServer fake;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (fake != null) {
            fake.stop(0);
        }
    }

    /** Payloads of sizes around the server's read size, an empty one among them, stored in {@code repo}. */
    static Map<Digest, byte[]> payloads(Repository repo, int count) {
        Map<Digest, byte[]> out = new LinkedHashMap<>();
        Random random = new Random(count);
        int[] sizes = {0, 1, PayloadHttp.READ_SIZE - 1, PayloadHttp.READ_SIZE, PayloadHttp.READ_SIZE + 1, 3 << 20};
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[i < sizes.length ? sizes[i] : random.nextInt(5000)];
            random.nextBytes(b);
            out.put(repo.writePayload(new ByteArrayInputStream(b), -1).digest(), b);
        }
        return out;
    }

    /** Everything {@code readPayloads} handed over, read to the end, in order. */
    static Map<Digest, byte[]> readAll(Repository repo, List<Digest> digests) throws IOException {
        Map<Digest, byte[]> got = new LinkedHashMap<>();
        repo.readPayloads(digests, (d, in) -> got.put(d, in.readAllBytes()));
        return got;
    }

    static void assertReadAsStored(Map<Digest, byte[]> expected, Map<Digest, byte[]> got) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(got.keySet()), "every payload, in the order asked");
        expected.forEach((d, b) -> assertArrayEquals(b, got.get(d), d.toString()));
    }

    /** Our server's answer to a batch as it is on the wire, decoded here (not with the client's reader). */
    @Test
    void ourServerSendsTheFramesInTheOrderAskedAndMarksTheMissing() throws Exception {
        FsRepository served = FsRepository.create(tmp.resolve("served"), Optional.empty());
        Map<Digest, byte[]> stored = payloads(served, 8);
        server = SpfsServer.start(served, loopback(), loopback(), Optional.empty());
        Digest missing = Digest.of("not stored".getBytes(StandardCharsets.UTF_8));
        List<Digest> asked = new ArrayList<>(stored.keySet());
        asked.add(2, missing);
        asked.add(asked.get(0));
        String url = PayloadBatch.url("http://127.0.0.1:" + server.httpAddress().getPort() + "/", asked).orElseThrow();
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals(PayloadBatch.TYPE, r.headers().firstValue("content-type").orElse(""));
        try (DataInputStream in = new DataInputStream(r.body())) {
            for (Digest d : asked) {
                int mark = in.read();
                if (d.equals(missing)) {
                    assertEquals(0, mark, "not here");
                    continue;
                }
                assertEquals(1, mark, "here");
                byte[] b = new byte[(int) in.readLong()];
                in.readFully(b);
                assertArrayEquals(stored.get(d), b);
            }
            assertEquals(-1, in.read(), "nothing after the last frame");
        }
    }

    /** A reader may stop early: the rest of its frame is skipped; a body cut inside a frame fails. */
    @Test
    void framesSkipWhatAReaderLeftAndABodyCutInsideAFrameFails() throws Exception {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        byte[] first = "first payload".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[4];
        PayloadBatch.writeHere(body, new ByteArrayInputStream(first), first.length, buffer);
        PayloadBatch.writeNotHere(body);
        PayloadBatch.writeHere(body, new ByteArrayInputStream(second), second.length, buffer);
        byte[] whole = body.toByteArray();
        Digest a = Digest.of(first);
        Digest b = Digest.of(second);

        PayloadBatch.Frames frames = new PayloadBatch.Frames(new ByteArrayInputStream(whole));
        assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), frames.next(a).orElseThrow().readNBytes(5));
        assertTrue(frames.next(Digest.NULL).isEmpty(), "not here");
        assertArrayEquals(second, frames.next(b).orElseThrow().readAllBytes());
        frames.end();

        PayloadBatch.Frames cut = new PayloadBatch.Frames(new ByteArrayInputStream(whole, 0, 12));
        cut.next(a).orElseThrow().readNBytes(1);
        IOException e = assertThrows(IOException.class, () -> cut.next(b));
        assertTrue(e.getMessage().contains("ended inside a payload"), e.getMessage());
    }

    @Test
    void ourServerRefusesBatchesItCannotRead() throws Exception {
        FsRepository served = FsRepository.create(tmp.resolve("served"), Optional.empty());
        server = SpfsServer.start(served, loopback(), loopback(), Optional.empty());
        String base = "http://127.0.0.1:" + server.httpAddress().getPort() + "/batch";
        Digest d = Digest.of(new byte[] {1});
        String tooMany = String.join(",", java.util.Collections.nCopies(PayloadBatch.MAX_DIGESTS + 1, d.toString()));
        Map<String, String> refused = Map.of(
                base, "a batch lists its digests",
                base + "?digests=", "a batch lists its digests",
                base + "?digests=" + d + ",nope", "not a payload digest: 'nope'",
                base + "?digests=" + tooMany, "a batch asks for at most " + PayloadBatch.MAX_DIGESTS);
        HttpClient http = HttpClient.newHttpClient();
        for (var e : refused.entrySet()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(e.getKey())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), e.getKey());
            assertTrue(r.body().startsWith(e.getValue()), r.body());
        }
    }

    @Test
    void theClientAsksOurServerForManyPayloadsInFewAnswers() throws Exception {
        FsRepository served = FsRepository.create(tmp.resolve("served"), Optional.empty());
        Map<Digest, byte[]> stored = payloads(served, 2 * PayloadBatch.MAX_DIGESTS + 30);
        List<String> log = startWithFakeHost(served, Host.BATCHES);
        try (Repository client = open()) {
            assertReadAsStored(stored, readAll(client, List.copyOf(stored.keySet())));
        }
        // the first alone (the client learns where payloads are), then the rest in batches of at most MAX_DIGESTS
        assertEquals(4, log.size(), log.toString());
        assertTrue(!log.get(0).contains("batch"), log.get(0));
        for (String request : log.subList(1, 4)) {
            assertTrue(request.startsWith("/batch?digests="), request);
        }
    }

    @Test
    void aHostThatDoesNotAnswerBatchesIsAskedOneByOneFromThenOn() throws Exception {
        FsRepository served = FsRepository.create(tmp.resolve("served"), Optional.empty());
        Map<Digest, byte[]> stored = payloads(served, 10);
        List<String> log = startWithFakeHost(served, Host.SINGLES_ONLY);
        List<Digest> digests = List.copyOf(stored.keySet());
        try (Repository client = open()) {
            assertReadAsStored(stored, readAll(client, digests));
            assertEquals(1, log.stream().filter(l -> l.contains("batch")).count(), "asked once: " + log);
            assertEquals(11, log.size(), log.toString());
            assertReadAsStored(stored, readAll(client, digests));
            assertEquals(21, log.size(), "the second time, one by one at once: " + log);
        }
    }

    @Test
    void bytesThatDoNotMatchTheirDigestFailTheRead() throws Exception {
        FsRepository served = FsRepository.create(tmp.resolve("served"), Optional.empty());
        Map<Digest, byte[]> stored = payloads(served, 4);
        startWithFakeHost(served, Host.CORRUPT);
        try (Repository client = open()) {
            IOException e = assertThrows(IOException.class, () -> readAll(client, List.copyOf(stored.keySet())));
            assertInstanceOf(HashCheckedInputStream.MismatchException.class, e, e.toString());
        }
    }

    @Test
    void anAnswerCutInsideAPayloadFailsTheRead() throws Exception {
        FsRepository served = FsRepository.create(tmp.resolve("served"), Optional.empty());
        Map<Digest, byte[]> stored = payloads(served, 4);
        startWithFakeHost(served, Host.CUT);
        try (Repository client = open()) {
            IOException e = assertThrows(IOException.class, () -> readAll(client, List.copyOf(stored.keySet())));
            assertTrue(e.getMessage().contains("ended inside a payload"), e.getMessage());
        }
    }

    @Test
    void aPayloadTheBatchLacksIsAskedForAloneAndIsUnknownIfTheServerLacksIt() throws Exception {
        FsRepository served = FsRepository.create(tmp.resolve("served"), Optional.empty());
        Map<Digest, byte[]> stored = payloads(served, 5);
        server = SpfsServer.start(served, loopback(), loopback(), Optional.empty());
        List<Digest> digests = new ArrayList<>(stored.keySet());
        try (Repository client = open()) {
            // the batch's host says it is not here, the server knows nothing of it either
            Digest missing = Digest.of("never stored".getBytes(StandardCharsets.UTF_8));
            digests.add(3, missing);
            Map<Digest, byte[]> got = new LinkedHashMap<>();
            UnknownObjectException e = assertThrows(UnknownObjectException.class,
                    () -> client.readPayloads(digests, (d, in) -> got.put(d, in.readAllBytes())));
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
            assertEquals(digests.subList(0, 3), List.copyOf(got.keySet()), "those before it were read");
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    private Repository open() {
        return new Repositories(ForeignPeersTest.config()).open("grpc://127.0.0.1:" + server.grpcAddress().getPort());
    }

    /** How the fake payload host answers. */
    enum Host {
        /** Single payloads and batches. */
        BATCHES,
        /** Single payloads; a batch's path is no digest to it, as to spfs's server: 500. */
        SINGLES_ONLY,
        /** Batches whose second payload has other bytes than its digest's. */
        CORRUPT,
        /** Batches whose body ends half-way through the first payload. */
        CUT
    }

    /**
     * Our gRPC server for {@code served}, naming as its payloads' location a fake host (the JDK's
     * HTTP server) that serves them from {@code served} as {@code mode} says; its request log.
     */
    private List<String> startWithFakeHost(FsRepository served, Host mode) throws IOException {
        List<String> log = new CopyOnWriteArrayList<>();
        fake = HttpServer.create(loopback(), 0);
        fake.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                String query = exchange.getRequestURI().getRawQuery();
                log.add(path + (query == null ? "" : "?" + query));
                if (path.equals("/batch") && mode != Host.SINGLES_ONLY) {
                    List<Digest> asked = new ArrayList<>();
                    for (String d : query.substring("digests=".length()).split(",")) {
                        asked.add(Digest.parse(d));
                    }
                    answerBatch(exchange, served, asked, mode);
                } else {
                    answerOne(exchange, served, path.substring(1));
                }
            }
        });
        fake.start();
        server = SpfsServer.start(served, loopback(), loopback(),
                Optional.of(PayloadsRoot.parse("http://127.0.0.1:" + fake.getAddress().getPort() + "/")));
        return log;
    }

    private static void answerOne(HttpExchange exchange, FsRepository served, String name) throws IOException {
        byte[] body;
        try {
            Digest d = Digest.parse(name);
            try (InputStream in = served.openPayload(d)) {
                body = in.readAllBytes();
            }
        } catch (RuntimeException e) {
            byte[] text = ("cannot serve '" + name + "'").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(e instanceof UnknownObjectException ? 404 : 500, text.length);
            exchange.getResponseBody().write(text);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", PayloadHttp.OCTETS);
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** The frames, written here by hand as the protocol says (not with the server's writer). */
    private static void answerBatch(HttpExchange exchange, FsRepository served, List<Digest> asked, Host mode)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", PayloadBatch.TYPE);
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        DataOutputStream out = new DataOutputStream(body);
        for (int i = 0; i < asked.size(); i++) {
            byte[] b;
            try (InputStream in = served.openPayload(asked.get(i))) {
                b = in.readAllBytes();
            } catch (UnknownObjectException e) {
                out.writeByte(0);
                continue;
            }
            if (mode == Host.CORRUPT && i == 1) {
                b = "other bytes".getBytes(StandardCharsets.UTF_8);
            }
            out.writeByte(1);
            out.writeLong(b.length);
            if (mode == Host.CUT) {
                out.write(b, 0, b.length / 2);
                out.flush();
                return;
            }
            out.write(b);
        }
        out.flush();
    }
}
