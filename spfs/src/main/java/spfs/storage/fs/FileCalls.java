package spfs.storage.fs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The two calls a write batch makes for every file it stores: libc's through jffi where jffi's
 * native stub loads ({@link LibcFileCalls}), else the JDK's ({@link JdkFileCalls}). A pull or a
 * commit makes ~17,000 of each; through the JDK each costs a channel, its cleaner and a copy into
 * a temporary native buffer, and a rename that must not replace a file costs a look first.
 */
sealed interface FileCalls permits JdkFileCalls, LibcFileCalls {
    /**
     * Creates {@code tmp}, which must not exist yet, with the permission bits {@code mode} (less
     * the umask), holding the first {@code size} bytes of {@code data}; not synced. Removes it
     * again when a write fails.
     */
    void writeNew(Path tmp, byte[] data, int size, int mode) throws IOException;

    /**
     * Renames {@code tmp} to {@code target} unless something is there already: then {@code tmp}
     * is removed and the answer is false. What is there stays untouched (renders may have
     * hard-linked it); only a dangling link counts as nothing there, and is replaced.
     */
    boolean placeIfAbsent(Path tmp, Path target) throws IOException;

    /**
     * The process's calls, bound on first use: a write session that stores no file (a tag, a
     * runtime's record written at once) never loads jffi for them.
     */
    static FileCalls get() {
        return Binding.CALLS;
    }

    /** libc's calls when they can be bound, else the JDK's. */
    static FileCalls bind() {
        try {
            return new LibcFileCalls();
        } catch (LinkageError | UnsupportedOperationException e) {
            return JdkFileCalls.INSTANCE;
        }
    }

    /** Holds the process's binding, made when this class is first used. */
    final class Binding {
        static final FileCalls CALLS = bind();

        private Binding() {}
    }
}
