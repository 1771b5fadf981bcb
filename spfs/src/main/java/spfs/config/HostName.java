package spfs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's name as the kernel holds it (uname's nodename), read without a resolver: asking
 * one (as {@code InetAddress.getLocalHost()} does) cost every command a name lookup, and on a host
 * whose name does not resolve it waited for the resolver and then fell back to "localhost".
 */
public final class HostName {
    private static final Path KERNEL = Path.of("/proc/sys/kernel/hostname");

    private HostName() {}

    /** The kernel's host name, or "localhost" where it cannot be read. */
    public static String current() {
        try {
            String name = Files.readString(KERNEL, StandardCharsets.UTF_8).strip();
            return name.isEmpty() ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
