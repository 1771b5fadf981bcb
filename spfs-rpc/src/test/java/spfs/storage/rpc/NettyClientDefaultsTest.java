package spfs.storage.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent;
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client's Netty starts without the flight recorder's events and without its native transport,
 * unless the user says otherwise, and logs nothing, through the JDK's logging (not SLF4J's, whose
 * start-up reads every jar on the class path). Checked in a fresh JVM: in this one, servers of
 * other tests may have initialised Netty first.
 */
@Timeout(120)
class NettyClientDefaultsTest {
    /** Opens a client connection, then prints what Netty made of its settings. */
    public static final class Child {
        public static void main(String[] args) {
            try (RpcConnection c = new RpcConnection("127.0.0.1", 1, Optional.empty(), 1 << 20, Optional.empty(), false)) {
                System.out.println("jfr=" + PlatformDependent.isJfrEnabled() + " epoll=" + Epoll.isAvailable() + " logs="
                        + InternalLoggerFactory.getDefaultFactory().getClass().getSimpleName() + ":"
                        + InternalLoggerFactory.getInstance(Epoll.class).isWarnEnabled());
            }
        }
    }

    static String child(List<String> properties) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.addAll(properties);
        command.add(Child.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> l.startsWith("jfr=")).findFirst().orElse(out);
    }

    @Test
    void aClientStartsNettyWithoutFlightRecorderEventsOrNativeTransport() throws Exception {
        assertEquals("jfr=false epoll=false logs=JdkLoggerFactory:false", child(List.of()));
    }

    @Test
    void whatTheUserSetIsKept() throws Exception {
        assertEquals("jfr=true epoll=false logs=JdkLoggerFactory:false", child(List.of("-D" + NettyClientDefaults.JFR + "=true")));
    }
}
