package spfs.storage.rpc;

/**
 * Settings of gRPC's (shaded) Netty that a short-lived client needs before Netty's first class is
 * initialised; each is left alone if the user has set it. Netty 4.2 registers its buffer events
 * with the JDK's flight recorder when it allocates its first buffer, which starts the recorder's
 * machinery (~100 ms of the event loop, before the first call is sent, in every {@code grpc://}
 * command; docs/benchmarks.md); and it tries to load its native epoll transport (unpacking a
 * library into the temp folder) although the client uses the JDK's NIO transport.
 */
final class NettyClientDefaults {
    static final String JFR = "io.grpc.netty.shaded.io.netty.jfr.enabled";
    static final String NO_NATIVE = "io.grpc.netty.shaded.io.netty.transport.noNative";

    private NettyClientDefaults() {}

    /** Sets what is not set yet: no flight-recorder events, no native transport. */
    static void apply() {
        if (System.getProperty(JFR) == null) {
            System.setProperty(JFR, "false");
        }
        if (System.getProperty(NO_NATIVE) == null) {
            System.setProperty(NO_NATIVE, "true");
        }
    }
}
