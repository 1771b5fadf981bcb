package spk.spec.model;

import java.util.List;
import java.util.Optional;

/** Where a package's sources come from; each shape is told apart by its key. */
public sealed interface SourceSpec {
    /** The folder under the source directory the source lands in, if any. */
    Optional<String> subdir();

    /** A local path (relative to the spec file), copied with rsync. */
    record Local(String path, List<String> exclude, List<String> filter, Optional<String> subdir)
            implements SourceSpec {
        public static final List<String> DEFAULT_EXCLUDE = List.of(".git/", ".svn/");
        public static final List<String> DEFAULT_FILTER = List.of(":- .gitignore");

        public Local {
            exclude = List.copyOf(exclude);
            filter = List.copyOf(filter);
        }
    }

    /** A git repository, cloned at {@code ref} with the given depth. */
    record Git(String git, Optional<String> ref, int depth, Optional<String> subdir) implements SourceSpec {}

    /** A tar archive, downloaded if remote, then extracted. */
    record Tar(String tar, Optional<String> subdir) implements SourceSpec {}

    /** A bash script run in the source directory. */
    record Script(List<String> script, Optional<String> subdir) implements SourceSpec {
        public Script {
            script = List.copyOf(script);
        }
    }
}
