package spfs.tracking;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import spfs.error.SpfsException;

/**
 * File names and symlink targets as the text a manifest stores. Java decodes a name's bytes with
 * the locale's charset and replaces what does not decode, so {@code a\xff} and {@code a\xfe}
 * would both become {@code a\uFFFD} and one file would be lost: a name that does not survive the
 * round trip back to the same bytes is refused, naming the file, instead.
 */
public final class FileNames {
    private FileNames() {}

    /** The name of {@code entry} (a path read from a directory), refused when text cannot carry it. */
    public static String nameOf(Path entry) {
        Path name = entry.getFileName();
        String text = name.toString();
        if (!isAscii(text) && !sameBytes(text, name)) {
            throw unrepresentable(entry, "its name");
        }
        return text;
    }

    /** The target of the symlink {@code link} as text, refused when text cannot carry it. */
    public static String targetOf(Path link, Path target) {
        String text = target.toString();
        if (!isAscii(text) && !sameBytes(text, target)) {
            throw unrepresentable(link, "its symlink target");
        }
        return text;
    }

    /** Resolves a stored name under {@code dir}, refused when this process cannot spell it. */
    public static Path resolve(Path dir, String name) {
        try {
            return dir.resolve(name);
        } catch (InvalidPathException e) {
            throw SpfsException.environment("file-name-encoding", "cannot create '" + name + "' in " + dir
                    + ": this process's file name encoding (" + System.getProperty("sun.jnu.encoding")
                    + ") cannot spell it; run with a UTF-8 locale (e.g. LANG=C.UTF-8)", e);
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Paths compare by their bytes: the text re-encoded must give the bytes it was decoded from. */
    private static boolean sameBytes(String text, Path original) {
        try {
            return original.getFileSystem().getPath(text).equals(original);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static SpfsException unrepresentable(Path entry, String what) {
        String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
        String why = encoding.equalsIgnoreCase("UTF-8")
                ? what + " is not valid UTF-8, which spfs stores names as; rename it"
                : what + " cannot be read in this process's file name encoding (" + encoding
                        + "); run with a UTF-8 locale (e.g. LANG=C.UTF-8)";
        return SpfsException.badInput("invalid-file-name", "cannot commit " + entry + ": " + why);
    }
}
