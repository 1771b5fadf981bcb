package spfs.storage.rpc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TLS socket factory made on first use: HttpCore's requester otherwise takes the JVM's default
 * one when it is built, which reads and parses the whole trust store (~150 certificates, tens of
 * milliseconds of every {@code grpc://} command's start) though most payload servers speak
 * plain {@code http:}.
 */
final class DeferredTlsSockets extends SSLSocketFactory {
    private final Supplier<SSLSocketFactory> make;
    private volatile SSLSocketFactory made;

    DeferredTlsSockets(Supplier<SSLSocketFactory> make) {
        this.make = make;
    }

    /** The JVM's default TLS sockets, when first needed. */
    static DeferredTlsSockets jvmDefault() {
        return new DeferredTlsSockets(() -> (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    private SSLSocketFactory factory() {
        SSLSocketFactory f = made;
        if (f == null) {
            synchronized (this) {
                f = made;
                if (f == null) {
                    f = make.get();
                    made = f;
                }
            }
        }
        return f;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return factory().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return factory().getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return factory().createSocket();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return factory().createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return factory().createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return factory().createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return factory().createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return factory().createSocket(address, port, localAddress, localPort);
    }
}
