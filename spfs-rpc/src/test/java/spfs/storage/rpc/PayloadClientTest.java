package spfs.storage.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client's HTTP side against a scripted server on a raw socket: what goes on the wire, and what it does with odd answers. */
@Timeout(60)
class PayloadClientTest {
    /** A server that answers each request head with what {@code answer} makes of it, a thread per connection. */
    static final class Scripted implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger connections = new AtomicInteger();
        final List<String> heads = new CopyOnWriteArrayList<>();
        private final Thread thread;

        /** {@code answer}: the bytes to send for a request head; {@code close}: whether the connection ends after each answer. */
        Scripted(Function<String, String> answer, boolean close) throws IOException {
            thread = new Thread(() -> {
                while (!listener.isClosed()) {
                    Socket s;
                    try {
                        s = listener.accept();
                    } catch (IOException e) {
                        return; // the listener closed
                    }
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(s, answer, close));
                    t.setDaemon(true);
                    t.start();
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        private void serve(Socket socket, Function<String, String> answer, boolean close) {
            try (Socket s = socket) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (String head; (head = head(in)) != null;) {
                    heads.add(head);
                    skipBody(head, in);
                    out.write(answer.apply(head).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (close) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        String url(String path) {
            return "http://127.0.0.1:" + listener.getLocalPort() + path;
        }

        private static String head(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int state = 0;
            for (int c; (c = in.read()) >= 0;) {
                b.write(c);
                state = c == '\n' && (state == 1 || state == 3) ? state + 1 : c == '\r' ? (state == 0 || state == 2 ? state + 1 : 1) : 0;
                if (state == 4) {
                    return b.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        /** Reads a chunked request body (the client's uploads) to its end. */
        private static void skipBody(String head, InputStream in) throws IOException {
            if (!head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                return;
            }
            while (true) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                for (int c; (c = in.read()) != '\n';) {
                    if (c < 0) {
                        throw new IOException("ended in a chunk");
                    }
                    line.write(c);
                }
                int size = Integer.parseInt(line.toString(StandardCharsets.ISO_8859_1).strip(), 16);
                in.readNBytes(size + 2);
                if (size == 0) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    PayloadClient client = new PayloadClient(Optional.of(Duration.ofSeconds(20)));

    @AfterEach
    void stop() {
        client.close();
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static String read(PayloadClient.Answer a) throws IOException {
        try (InputStream in = a.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void getsGoOutOneAfterAnotherOnOneConnectionWithOneAcceptLinePerType() throws Exception {
        try (Scripted server = new Scripted(head -> ok("payload"), false)) {
            for (int i = 0; i < 10; i++) {
                PayloadClient.Answer a = client.get(server.url("/p" + i), List.of(PayloadHttp.BZIP2, PayloadHttp.OCTETS));
                assertEquals(200, a.status());
                assertEquals(Optional.of(PayloadHttp.OCTETS), a.contentType());
                assertEquals("payload", read(a));
            }
            PayloadClient.Posted p = client.post(server.url("/"), new ByteArrayInputStream(new byte[100_000]),
                    PayloadHttp.OCTETS, Map.of(PayloadHttp.DIGEST_HEADER, "X"));
            assertEquals(200, p.status());
            assertEquals(1, server.connections.get(), "ten GETs and an upload, kept alive on one connection");
            String first = server.heads.get(0);
            assertTrue(first.startsWith("GET /p0 HTTP/1.1\r\n"), first);
            assertTrue(first.contains("\r\nAccept: application/x-bzip2\r\nAccept: application/octet-stream\r\n"),
                    "each type on its own line, in order: " + first);
            String upload = server.heads.get(10);
            assertTrue(upload.startsWith("POST / HTTP/1.1\r\n"), upload);
            assertTrue(upload.contains("Content-Type: application/octet-stream\r\n"), upload);
            assertTrue(upload.contains(PayloadHttp.DIGEST_HEADER + ": X\r\n"), upload);
        }
    }

    /**
     * URLs after the first are taken apart without a parse when they share its server and go on
     * in plain characters: every request still goes to its own server, with its own path, query
     * and Host, whatever the order (the URLs of two servers on one port apart, escapes, queries).
     */
    @Test
    void eachUrlGoesToItsServerWithItsPathQueryAndHost() throws Exception {
        try (Scripted one = new Scripted(head -> ok("1"), false); Scripted two = new Scripted(head -> ok("2"), false)) {
            String oneBase = "http://127.0.0.1:" + one.listener.getLocalPort();
            // the same server under another name: another Host
            String oneByName = "http://localhost:" + one.listener.getLocalPort();
            String twoBase = "http://127.0.0.1:" + two.listener.getLocalPort();
            List<String[]> cases = List.of(
                    new String[] {oneBase + "/payloads/AB2C==", "/payloads/AB2C==", "1"},
                    new String[] {oneBase + "/payloads/XY7Z====", "/payloads/XY7Z====", "1"},
                    new String[] {twoBase + "/payloads/XY7Z====", "/payloads/XY7Z====", "2"},
                    new String[] {oneBase + "/p?x=1", "/p?x=1", "1"},
                    new String[] {oneBase + "/a%20b", "/a%20b", "1"},
                    new String[] {oneBase + "/a-b_c.d~e", "/a-b_c.d~e", "1"},
                    new String[] {oneByName + "/n", "/n", "1"},
                    new String[] {twoBase + "/t/", "/t/", "2"},
                    new String[] {twoBase + "/u", "/u", "2"},
                    new String[] {oneBase + "/v", "/v", "1"});
            for (String[] c : cases) {
                assertEquals(c[2], read(client.get(c[0], List.of())), c[0]);
            }
            List<String> toOne = one.heads;
            List<String> toTwo = two.heads;
            int i1 = 0;
            int i2 = 0;
            for (String[] c : cases) {
                String head = c[2].equals("1") ? toOne.get(i1++) : toTwo.get(i2++);
                assertTrue(head.startsWith("GET " + c[1] + " HTTP/1.1\r\n"), c[0] + ": " + head);
                String authority = java.net.URI.create(c[0]).getRawAuthority();
                assertTrue(head.contains("\r\nHost: " + authority + "\r\n"), c[0] + ": " + head);
            }
            assertEquals(toOne.size(), i1);
            assertEquals(toTwo.size(), i2);
        }
    }

    @Test
    void aBodyClosedEarlyKeepsItsConnectionWhenTheRestIsShortAndEndsItWhenLong() throws Exception {
        String small = "s".repeat(1000);
        String large = "l".repeat(1 << 20);
        try (Scripted server = new Scripted(head -> ok(head.startsWith("GET /large") ? large : small), false)) {
            try (InputStream in = client.get(server.url("/small"), List.of()).body()) {
                assertEquals('s', in.read());
            }
            assertEquals(small, read(client.get(server.url("/small"), List.of())));
            assertEquals(1, server.connections.get(), "the rest of a short body is read, and the connection kept");
            try (InputStream in = client.get(server.url("/large"), List.of()).body()) {
                assertEquals('l', in.read());
            }
            assertEquals(small, read(client.get(server.url("/small"), List.of())));
            assertEquals(2, server.connections.get(), "a long rest is not read: that connection ends");
        }
    }

    @Test
    void twoBodiesReadAtOnceByOneThreadEachHaveAConnection() throws Exception {
        try (Scripted server = new Scripted(head -> ok(head.substring(5, 6).repeat(50_000)), false)) {
            PayloadClient.Answer a = client.get(server.url("/a"), List.of());
            PayloadClient.Answer b = client.get(server.url("/b"), List.of());
            assertEquals("b".repeat(50_000), read(b));
            assertEquals("a".repeat(50_000), read(a));
            assertEquals(2, server.connections.get());
            // both kept: two more at once take them again
            PayloadClient.Answer c = client.get(server.url("/c"), List.of());
            PayloadClient.Answer d = client.get(server.url("/d"), List.of());
            assertEquals("c".repeat(50_000), read(c));
            assertEquals("d".repeat(50_000), read(d));
            assertEquals(2, server.connections.get());
        }
    }

    @Test
    void aConnectionTheServerClosedAfterAnsweringIsReplacedForTheNextGet() throws Exception {
        // answered as kept alive, then closed: the next GET finds its pooled connection dead
        try (Scripted server = new Scripted(head -> ok("again"), true)) {
            for (int i = 0; i < 3; i++) {
                assertEquals("again", read(client.get(server.url("/x"), List.of())));
            }
            assertEquals(3, server.connections.get());
        }
    }

    @Test
    void aRedirectIsAnswerNotFollowed() throws Exception {
        try (Scripted target = new Scripted(head -> ok("elsewhere"), false);
                Scripted server = new Scripted(head -> "HTTP/1.1 302 Found\r\nLocation: " + target.url("/moved")
                        + "\r\nContent-Length: 0\r\n\r\n", false)) {
            PayloadClient.Answer a = client.get(server.url("/x"), List.of());
            assertEquals(302, a.status());
            read(a);
            assertEquals(0, target.connections.get(), "the location it names is not asked");
        }
    }

    @Test
    void locationsThatAreNotHttpAreRefusedBeforeAnythingIsSent() {
        for (String url : List.of("ftp://host/x", "file:///etc/passwd", "http:///nohost")) {
            assertThrows(IllegalArgumentException.class, () -> client.get(url, List.of()), url);
        }
    }
}
