package spfs.storage.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The payload client's TLS sockets are made when an https: location is first asked for, not before. */
@Timeout(60)
class DeferredTlsSocketsTest {
    @Test
    void theFactoryIsMadeOnFirstUseAndOnlyOnce() throws Exception {
        AtomicInteger made = new AtomicInteger();
        DeferredTlsSockets sockets = new DeferredTlsSockets(() -> {
            made.incrementAndGet();
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        });
        assertEquals(0, made.get(), "nothing made before a socket is asked for");
        try (Socket a = sockets.createSocket(); Socket b = sockets.createSocket()) {
            assertTrue(a instanceof SSLSocket && b instanceof SSLSocket);
        }
        assertEquals(1, made.get());
    }

    @Test
    void anHttpsLocationStillGetsATlsHandshake() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> firstByte = new CompletableFuture<>();
            Thread server = new Thread(() -> {
                // each connection (the client tries twice): the first byte it sends, then a plain
                // HTTP answer, which ends any handshake at once
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept(); InputStream in = s.getInputStream()) {
                        firstByte.complete(in.read());
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        firstByte.completeExceptionally(e);
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            try (PayloadClient client = new PayloadClient(Optional.of(Duration.ofSeconds(20)))) {
                String url = "https://127.0.0.1:" + listener.getLocalPort() + "/payload";
                assertThrows(IOException.class, () -> client.get(url, List.of("application/octet-stream")));
            }
            // 0x16: a TLS record of the handshake kind (a ClientHello), not a plain "GET"
            assertEquals(0x16, firstByte.get(30, TimeUnit.SECONDS));
        }
    }
}
