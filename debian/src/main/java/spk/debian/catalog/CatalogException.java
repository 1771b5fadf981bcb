package spk.debian.catalog;

import spk.error.SpkException;

/** A Packages file that cannot be read: the message names the file, the line and the field. */
public final class CatalogException extends SpkException {
    private static final long serialVersionUID = 1L;

    private final Kind kind;

    private CatalogException(String code, String message, Kind kind, Throwable cause) {
        super(code, message, cause);
        this.kind = kind;
    }

    /** Malformed content at {@code line} of {@code file}. */
    static CatalogException badInput(String file, long line, String message) {
        return new CatalogException("invalid-catalog", file + ":" + line + ": " + message, Kind.BAD_INPUT, null);
    }

    /** The file could not be read at all. */
    static CatalogException unreadable(String file, Exception cause) {
        String why = cause instanceof java.nio.file.NoSuchFileException || cause instanceof java.io.FileNotFoundException
                ? "no such file" : cause instanceof java.nio.file.AccessDeniedException ? "permission denied" : cause.getMessage();
        return new CatalogException("unreadable-catalog", "cannot read the catalog " + file + ": " + why,
                cause instanceof java.nio.file.NoSuchFileException || cause instanceof java.io.FileNotFoundException
                        ? Kind.BAD_INPUT : Kind.ENVIRONMENT, cause);
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
