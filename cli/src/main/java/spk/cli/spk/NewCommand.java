package spk.cli.spk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.error.SpkException;
import spk.grammar.name.PkgName;

/** {@code spk new NAME}: writes a starter recipe, NAME.spk.yaml, that lints clean and builds. */
@Command(name = "new", aliases = "init", description = "Write a starter recipe NAME.spk.yaml in this folder.")
public final class NewCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The package name.")
    String name;

    @Spec
    CommandSpec spec;

    /** A recipe that lints clean and builds as it is: its script installs a file, as every build must. */
    static String starter(PkgName name) {
        return """
                api: v0/package
                pkg: %1$s/0.1.0

                meta:
                  description: %1$s, a new package
                  license: Apache-2.0

                sources:
                  # the folder of this file is the source; add git or tar sources as needed
                  - path: ./

                build:
                  options:
                    - var: os
                    - var: arch
                    # build-time dependencies, e.g.:
                    # - pkg: cmake/^3.18
                  # runs in a copy of the sources; install into $PREFIX (/spfs): a build that
                  # installs nothing fails
                  script:
                    - mkdir -p "$PREFIX/share/%1$s"
                    - echo "%1$s $SPK_PKG_VERSION" > "$PREFIX/share/%1$s/README"

                install:
                  requirements: []
                  # runtime dependencies, e.g.:
                  # - pkg: python/3.9
                """.formatted(name);
    }

    @Override
    public Integer call() throws IOException {
        PkgName pkg = PkgName.parse(name);
        Path file = Path.of(pkg.value() + ".spk.yaml");
        if (Files.exists(file)) {
            throw new FileExists(file);
        }
        Files.writeString(file, starter(pkg));
        spec.commandLine().getOut().println("created " + file);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The file to create already exists; nothing was written. */
    static final class FileExists extends SpkException {
        private static final long serialVersionUID = 1L;

        FileExists(Path file) {
            super("file-exists", file + " already exists; nothing was written");
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
