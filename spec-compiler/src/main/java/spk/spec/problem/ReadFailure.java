package spk.spec.problem;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** Why a file could not be read, in words: the JDK says "Input length = 1" for text that is not UTF-8. */
public final class ReadFailure {
    private ReadFailure() {}

    public static String describe(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "it is not valid UTF-8 text";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
