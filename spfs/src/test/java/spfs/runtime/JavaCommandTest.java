package spfs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavaCommandTest {
    /** The monitor starts with our JVM options (an AOT cache to read too), but not those that write a file for us alone. */
    @Test
    void childrenGetOurOptionsButNotOurOutputFiles() {
        List<String> ours = List.of("java", "-XX:+UseSerialGC", "-XX:DumpLoadedClassList=/tmp/classes.1",
                "-XX:SharedArchiveFile=/x/spfs.jsa", "-Xlog:class+load=info:file=/tmp/cl-%p.txt", "-Xlog:cds=off",
                "-XX:ArchiveClassesAtExit=/tmp/a.jsa", "-XX:AOTCacheOutput=/t/x.aot", "-XX:AOTConfiguration=/t/x.conf",
                "-XX:AOTMode=record", "-XX:AOTCache=/x/jspk.aot", "-cp", "a.jar:b.jar", "spk.cli.spfs.SpfsMain", "run", "-", "--", "true");
        JavaCommand c = JavaCommand.fromCommandLine(ours, "spk.cli.spfs.SpfsMain", "/jdk/bin/java").orElseThrow();
        assertEquals(List.of("/jdk/bin/java", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=/x/spfs.jsa", "-Xlog:cds=off",
                "-XX:AOTCache=/x/jspk.aot", "-cp", "a.jar:b.jar", "spk.cli.spfs.SpfsMain"), c.prefix());
        assertTrue(JavaCommand.fromCommandLine(List.of("java", "-jar", "x.jar"), "spk.cli.spfs.SpfsMain", "java").isEmpty());
    }
}
