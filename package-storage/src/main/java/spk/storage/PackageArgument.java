package spk.storage;

import spk.error.SpkException;
import spk.grammar.ident.AnyIdent;

/** Package arguments of the commands that act on versions or builds (deprecate, remove, export). */
public final class PackageArgument {
    private PackageArgument() {}

    /** {@code NAME/VERSION} or {@code NAME/VERSION/BUILD}; a bare name or a trailing slash is refused. */
    public static AnyIdent versioned(String text, String verb) {
        if (!text.contains("/")) {
            throw new BadRequest("to " + verb + " " + text + ", give a version: " + text
                    + "/VERSION or " + text + "/VERSION/BUILD ('spk ls " + text + "' lists them)");
        }
        if (text.endsWith("/")) {
            throw new BadRequest("'" + text + "' ends in '/': give a version or build after it, or leave the '/' out");
        }
        return AnyIdent.parse(text);
    }

    /** A package argument that names nothing that can be acted on. */
    public static final class BadRequest extends SpkException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super("bad-package-argument", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
