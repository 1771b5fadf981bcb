package spfs.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a server, which stops passing what clients send once a
 * given number of bytes went through: an upload is then provably cut off midway, whatever the
 * speed of the machine, and the test can kill the server or the client at that point.
 */
public final class HoldingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong sent = new AtomicLong();
    private volatile long holdAfter;
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private HoldingRelay(ServerSocket listener, int targetPort, long holdAfter) {
        this.listener = listener;
        this.targetPort = targetPort;
        this.holdAfter = holdAfter;
    }

    /** Relays to 127.0.0.1:{@code targetPort}, holding clients' bytes after {@code holdAfter} of them. */
    public static HoldingRelay start(int targetPort, long holdAfter) {
        try {
            HoldingRelay r = new HoldingRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort, holdAfter);
            Thread t = new Thread(r::accept, "relay-accept");
            t.setDaemon(true);
            t.start();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Waits (bounded) until clients' bytes are being held. */
    public boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    /** Drops every connection made so far (as a dead server's would be). */
    public void cutAll() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closed already
            }
        }
        sockets.clear();
    }

    /** Passes everything from now on. */
    public void releaseForGood() {
        holdAfter = Long.MAX_VALUE;
        released.countDown();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    client.close(); // the server is down: so is the relay's way to it
                    continue;
                }
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1 << 16];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (upstream && sent.addAndGet(n) > holdAfter) {
                        held.countDown();
                        released.await();
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // a side went away: close both
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // closed already
                }
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        releaseForGood();
        cutAll();
        try {
            listener.close();
        } catch (IOException e) {
            // closed already
        }
    }

    /** The port of the server behind it. */
    public int targetPort() {
        return targetPort;
    }
}
