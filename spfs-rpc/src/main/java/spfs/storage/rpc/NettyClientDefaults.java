package spfs.storage.rpc;

import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settings of gRPC's (shaded) Netty that a short-lived client needs before Netty's first class is
 * initialised; each system property is left alone if the user has set it. Netty 4.2 registers its buffer events
 * with the JDK's flight recorder when it allocates its first buffer, which starts the recorder's
 * machinery (~100 ms of the event loop, before the first call is sent, in every {@code grpc://}
 * command; docs/benchmarks.md); and it tries to load its native epoll transport (unpacking a
 * library into the temp folder) although the client uses the JDK's NIO transport. And it logs
 * through SLF4J when that is on the class path (it is, for jinjava, bound to SLF4J's no-op
 * logger), whose start-up looks for its bindings in every jar on the class path (~50 ms): Netty
 * logs through the JDK's logging instead, switched off for Netty, as the no-op logger had it.
 */
final class NettyClientDefaults {
    static final String JFR = "io.grpc.netty.shaded.io.netty.jfr.enabled";
    static final String NO_NATIVE = "io.grpc.netty.shaded.io.netty.transport.noNative";

    /** Held: the JDK keeps loggers weakly, and would forget the level of one no one holds. */
    private static final Logger NETTY_LOGS = Logger.getLogger("io.grpc.netty.shaded.io.netty");

    private NettyClientDefaults() {}

    /** Sets the properties not set yet (no flight-recorder events, no native transport), and Netty's logger. */
    static void apply() {
        NETTY_LOGS.setLevel(Level.OFF);
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        if (System.getProperty(JFR) == null) {
            System.setProperty(JFR, "false");
        }
        if (System.getProperty(NO_NATIVE) == null) {
            System.setProperty(NO_NATIVE, "true");
        }
    }
}
