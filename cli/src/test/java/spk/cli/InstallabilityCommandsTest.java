package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.cli.spk.SpkCommand;

/** spk check-installable and spk bench as users run them. */
class InstallabilityCommandsTest {
    @TempDir
    Path dir;

    private static CommandLineTest.Run spk(String... args) {
        return CommandLineTest.run(new SpkCommand(), args);
    }

    private static String demo() {
        Path p = Path.of("../packages/demo-catalog.yaml");
        return (Files.isRegularFile(p) ? p : Path.of("packages/demo-catalog.yaml")).toString();
    }

    @Test
    void checkInstallableReportsTheBrokenBuildAndExitsOne() throws Exception {
        CommandLineTest.Run r = spk("check-installable", "-r", demo(), "--no-host", "-o", "os=linux", "-o", "arch=x86_64");
        assertEquals(1, r.exit(), r.err() + r.out());
        assertTrue(r.out().startsWith("cannot install greeter/2.0.0/F2DXH5JT  (demo-catalog): there is no solution"), r.out());
        assertTrue(r.out().contains("checked 6 builds"), r.out());
        CommandLineTest.Run ok = spk("check-installable", "-r", demo(), "--no-host", "-o", "os=linux", "-o", "arch=x86_64", "hello");
        assertEquals(0, ok.exit(), ok.err() + ok.out());
        CommandLineTest.Run json = spk("check-installable", "-r", demo(), "--no-host", "-o", "os=linux", "--format", "json",
                "greeter/2.0.0");
        JsonNode n = new ObjectMapper().readTree(json.out());
        assertEquals(1, n.get("broken").asInt());
        assertTrue(n.get("builds").get(0).get("explanation").asText().contains("requires hello/1.3.0"), json.out());
        CommandLineTest.Run bad = spk("check-installable", "-r", demo(), "a/b/c/d");
        assertEquals(2, bad.exit(), bad.err());
    }

    @Test
    void benchDistcheckAndInstallOnASmallCatalog() throws Exception {
        Path packages = dir.resolve("Packages");
        Files.writeString(packages, """
                Package: app
                Version: 1.0
                Architecture: amd64
                Depends: lib (>= 2)

                Package: lib
                Version: 1.5
                Architecture: all

                Package: tool
                Version: 1
                Architecture: amd64
                Depends: lib
                """);
        CommandLineTest.Run r = spk("bench", "distcheck", "--explain", packages.toString());
        assertEquals(1, r.exit(), r.err() + r.out());
        assertTrue(r.out().startsWith("broken: app 1.0 (amd64)\n"), r.out());
        assertTrue(r.out().contains("lib/1.5/all: version 1.5 is not >= 2"), r.out());
        assertTrue(r.out().endsWith("total-packages: 3\nbroken-packages: 1\n"), r.out());
        CommandLineTest.Run install = spk("bench", "install", packages.toString(), "tool", "--json");
        assertEquals(0, install.exit(), install.err());
        JsonNode n = new ObjectMapper().readTree(install.out());
        assertEquals(2, n.get("size").asInt());
        CommandLineTest.Run unknown = spk("bench", "install", packages.toString(), "nothing", "tool");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.out().startsWith("install nothing: no package in the catalog matches 'nothing'\ninstall tool: 2 packages"),
                unknown.out());
        CommandLineTest.Run missing = spk("bench", "distcheck", dir.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("error: cannot read the catalog"), missing.err());
    }
}
