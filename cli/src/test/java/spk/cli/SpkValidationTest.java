package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPK's build validation, run by real builds: what each rule refuses, and that recipes can relax it. */
class SpkValidationTest {
    @TempDir
    Path tmp;

    RuntimeHarness h;

    @BeforeEach
    void setUp() throws Exception {
        RuntimeHarness.assumeOverlayFs();
        h = new RuntimeHarness(tmp);
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    /** Builds a recipe given as text (--here: no source package needed); returns the result. */
    RuntimeHarness.Result build(String name, String recipe, String... flags) throws Exception {
        Path file = tmp.resolve(name + ".spk.yaml");
        Files.writeString(file, recipe);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("build", "--here", file.toString()));
        args.addAll(java.util.List.of(flags));
        return h.spkWithInput(tmp, "", args.toArray(String[]::new));
    }

    static void refused(RuntimeHarness.Result r, String code, String detail) {
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("spk::build::validation::" + code + ":") && r.err().contains(detail), r.err());
    }

    static final String BASE = """
            pkg: base/1.0.0
            build:
              script:
                - mkdir -p $PREFIX/etc
                - echo original > $PREFIX/etc/base.conf
            """;

    @Test
    void changingAnotherPackagesFilesIsRefusedUnlessTheRecipeAllowsIt() throws Exception {
        assertEquals(0, build("base", BASE).exit());
        String alters = """
                pkg: alters/1.0.0
                build:
                  options:
                    - pkg: base
                  script:
                    - echo changed > $PREFIX/etc/base.conf
                    - echo mine > $PREFIX/etc/alters.conf
                """;
        RuntimeHarness.Result r = build("alters", alters);
        refused(r, "alter_existing_files", "changed /spfs/etc/base.conf, which is owned by base/1.0.0/");
        refused(r, "collect_existing_files", "/spfs/etc/base.conf is owned by base/1.0.0/");
        assertEquals("", h.spk("ls", "alters/1.0.0").out(), "no build published (the recipe is saved, as SPK does)");

        RuntimeHarness.Result allowed = build("alters", alters + """
                  validation:
                    rules:
                      - allow: AlterExistingFiles
                      - allow: CollectExistingFiles
                """);
        assertEquals(0, allowed.exit(), allowed.toString());
        assertEquals("changed\n", h.spk("env", "alters", "--", "cat", "/spfs/etc/base.conf").out());
        // a more specific deny wins over the general allow, whatever the order
        RuntimeHarness.Result specific = build("alters", alters + """
                  validation:
                    rules:
                      - deny: AlterExistingFiles
                        packages: [base]
                      - allow: AlterExistingFiles
                      - allow: CollectExistingFiles
                """);
        refused(specific, "alter_existing_files", "/spfs/etc/base.conf");
    }

    @Test
    void uncollectedEmptyReservedAndUnlicensedBuildsAreRefused() throws Exception {
        refused(build("partial", """
                pkg: partial/1.0.0
                build:
                  script:
                    - mkdir -p $PREFIX/bin $PREFIX/share
                    - touch $PREFIX/bin/tool $PREFIX/share/forgotten
                install:
                  components:
                    - name: run
                      files: [/bin/]
                    - name: build
                      uses: [run]
                """), "collect_all_files", "/spfs/share/forgotten was installed but no component collects it");
        refused(build("empty", "pkg: empty/1.0.0\nbuild: {script: ['true']}\n"), "empty_package",
                "installed no files under /spfs");
        assertEquals(0, build("empty", "pkg: empty/1.0.0\nbuild:\n  script: ['true']\n  validation:\n    rules:\n"
                + "      - allow: EmptyPackage\n").exit());

        RuntimeHarness.Result reserved = build("sneaky", """
                pkg: sneaky/1.0.0
                build:
                  script:
                    - mkdir -p $PREFIX/spk/pkg/other/1.0.0/AAAAAAAA
                    - touch $PREFIX/spk/pkg/other/1.0.0/AAAAAAAA/run.cmpt $PREFIX/real
                """);
        assertEquals(1, reserved.exit(), reserved.toString());
        assertTrue(reserved.err().contains("the build wrote under /spfs/spk") && reserved.err().contains(
                "/spfs/spk/pkg/other/1.0.0/AAAAAAAA/run.cmpt"), reserved.err());

        // checked before the script runs: the script leaves no mark
        Path mark = tmp.resolve("ran");
        RuntimeHarness.Result license = build("licensed", "pkg: licensed/1.0.0\nmeta: {license: Not A License}\n"
                + "build: {script: ['touch " + mark + "']}\n");
        refused(license, "spdx_license", "got 'Not A License'");
        assertFalse(Files.exists(mark));
        RuntimeHarness.Result legacy = build("legacy", "pkg: legacy/1.0.0\nbuild:\n  script: ['true']\n  validation:\n"
                + "    disabled: [MustInstallSomething]\n");
        assertEquals(1, legacy.exit(), legacy.toString());
        assertTrue(legacy.err().contains("replace them with build.validation.rules"), legacy.err());
    }

    @Test
    void aPackageInItsOwnBuildEnvironmentNeedsAllowingCircularDependencies() throws Exception {
        String one = "pkg: one/1.0.0\nbuild: {script: ['echo 1 > $PREFIX/one']}\n";
        assertEquals(0, build("one", one).exit());
        assertEquals(0, build("two", """
                pkg: two/1.0.0
                build:
                  options: [{pkg: one}]
                  script: ['echo 2 > $PREFIX/two']
                install:
                  requirements: [{pkg: one, fromBuildEnv: true}]
                """).exit());
        String circular = """
                pkg: one/1.1.0
                build:
                  options: [{pkg: two}]
                  script:
                    - test -f $PREFIX/one
                    - echo 1.1 > $PREFIX/one
                """;
        refused(build("one", circular), "recursive_build", "one is in its own build environment");
        // the flag (or '- allow: RecursiveBuild') allows it, and with it changing the older one's files
        RuntimeHarness.Result allowed = build("one", circular, "--allow-circular-dependencies");
        assertEquals(0, allowed.exit(), allowed.toString());
        assertEquals("1.1\n", h.spk("env", "one/1.1.0", "--", "cat", "/spfs/one").out());
    }
}
