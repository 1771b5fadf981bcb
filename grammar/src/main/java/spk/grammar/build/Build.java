package spk.grammar.build;

import java.util.Optional;
import spk.grammar.parse.SpkSyntax;

/**
 * The build part of an ident: a binary build digest, a source package ({@code src}) or an
 * embedded package ({@code embedded} or {@code embedded[parent:comps/version/build]}).
 */
public sealed interface Build permits Build.Digest, Build.Source, Build.Embedded {
    /** The source package build. */
    Source SOURCE = new Source();

    /** Parses {@code src}, {@code embedded[...]} or an 8-character base32 digest. */
    static Build parse(String text) {
        return SpkSyntax.build(text);
    }

    /** An 8-character base32 ({@code A-Z2-7}) digest identifying a binary build. */
    record Digest(String value) implements Build {
        /** The digest of empty input, seen in tests. */
        public static final Digest EMPTY = new Digest("3I42H3S6");
        /** The all-zero digest. */
        public static final Digest NULL = new Digest("AAAAAAAA");

        public Digest {
            if (!isDigest(value)) {
                throw new IllegalArgumentException("not an 8-character base32 build digest: " + value);
            }
        }

        /** True if {@code text} is 8 characters of {@code A-Z2-7}. */
        public static boolean isDigest(String text) {
            if (text.length() != 8) {
                return false;
            }
            for (int i = 0; i < 8; i++) {
                char c = text.charAt(i);
                if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** {@code src}: the source package of a version. */
    record Source() implements Build {
        @Override
        public String toString() {
            return "src";
        }
    }

    /** An embedded package, optionally naming the build that embeds it. */
    record Embedded(Optional<EmbeddedSource> source) implements Build {
        public static final Embedded UNKNOWN = new Embedded(Optional.empty());

        @Override
        public String toString() {
            return "embedded" + source.map(s -> "[" + s + "]").orElse("");
        }
    }

    /** True for a source build. */
    default boolean isSource() {
        return this instanceof Source;
    }

    /** True for an embedded build. */
    default boolean isEmbedded() {
        return this instanceof Embedded;
    }
}
