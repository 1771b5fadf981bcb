package spfs.storage.rpc;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;

/**
 * Listening sockets that hold at most {@code max} accepted connections open at once: the next
 * one is accepted when one of them is closed (until then it waits in the listen backlog).
 * HttpCore's classic server gives every connection a thread of its own and has no cap itself;
 * on a shared host one user opening thousands of connections must not cost thousands of threads.
 * A failed accept (the peer gave up, no file descriptor free for a moment) is retried rather than
 * thrown: the server's accepting thread ends on the first exception it sees.
 */
final class CappedServerSockets extends ServerSocketFactory {
    /** How long a failed accept waits before it is tried again. */
    private static final long RETRY_MS = 50;

    private final Semaphore slots;
    private final AtomicInteger open = new AtomicInteger();

    CappedServerSockets(int max) {
        this.slots = new Semaphore(max);
    }

    /** Accepted connections not closed yet. */
    int open() {
        return open.get();
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new Listener();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return createServerSocket(port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return createServerSocket(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        Listener s = new Listener();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port), backlog);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private final class Listener extends ServerSocket {
        Listener() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a free connection");
            }
            while (true) {
                Socket s = new Counted();
                try {
                    implAccept(s);
                    open.incrementAndGet();
                    return s;
                } catch (IOException e) {
                    if (isClosed() || Thread.currentThread().isInterrupted()) {
                        slots.release();
                        throw e;
                    }
                    pause();
                }
            }
        }

        private void pause() throws InterruptedIOException {
            try {
                TimeUnit.MILLISECONDS.sleep(RETRY_MS);
            } catch (InterruptedException e) {
                slots.release();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while accepting");
            }
        }
    }

    /** An accepted connection, which gives its slot back when it is closed (once). */
    private final class Counted extends Socket {
        private final AtomicBoolean released = new AtomicBoolean();

        @Override
        public synchronized void close() throws IOException {
            try {
                super.close();
            } finally {
                if (released.compareAndSet(false, true)) {
                    open.decrementAndGet();
                    slots.release();
                }
            }
        }
    }
}
