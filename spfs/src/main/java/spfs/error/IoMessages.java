package spfs.error;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * Words for I/O failures: the JDK's messages for these are often only the path ({@code
 * AccessDeniedException: /x/secret}) or say nothing useful ({@code Input length = 1}).
 */
public final class IoMessages {
    private IoMessages() {}

    /** What went wrong, with the file it happened to when the JDK says which. */
    public static String describe(Exception e) {
        if (e instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof IOException io) {
            return describeIo(io);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String describeIo(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "it is not valid UTF-8 text";
        }
        if (e instanceof FileSystemException f) {
            String what = f.getReason() != null && !(e instanceof AccessDeniedException) ? f.getReason() : reason(f);
            String file = f.getFile();
            if (f.getOtherFile() != null) {
                file = file + " -> " + f.getOtherFile();
            }
            return file == null ? what : what + ": " + file;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String reason(FileSystemException f) {
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (f instanceof FileSystemLoopException) {
            return "a loop of symbolic links";
        }
        if (f instanceof NotLinkException) {
            return "not a symbolic link";
        }
        return "file system error";
    }
}
