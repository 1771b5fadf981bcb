package spk.grammar.version;

import java.util.Arrays;
import spk.grammar.parse.SpkSyntax;

/**
 * A package version: any number of numeric parts, then optional pre-release ({@code -tag.N,...})
 * and post-release ({@code +tag.N,...}) tag sets.
 *
 * <p>Versions are equal when their parts are equal ignoring trailing zeros ({@code 1.0 ==
 * 1.0.0.0}) and their tag sets are equal. They are ordered by numeric parts (missing parts are
 * 0), then a pre-release sorts before the same version without one, then pre tag sets, then post
 * tag sets (no post release sorts first).
 */
public record Version(int[] parts, TagSet pre, TagSet post) implements Comparable<Version> {
    /** The version parsed from the empty string: no parts, displayed as {@code 0.0.0}. */
    public static final Version ZERO = new Version(new int[0], TagSet.EMPTY, TagSet.EMPTY);

    private static final int MINIMUM_DISPLAY_PARTS = 3;

    public Version {
        parts = parts.clone();
        if (pre == null || post == null) {
            throw new NullPointerException("tag sets may be empty but not null");
        }
    }

    /** Parses a version such as {@code 1.2.3-alpha.1+r.2}; the empty string is {@link #ZERO}. */
    public static Version parse(String text) {
        return SpkSyntax.version(text);
    }

    /** A release version with the given numeric parts. */
    public static Version of(int... parts) {
        return new Version(parts, TagSet.EMPTY, TagSet.EMPTY);
    }

    /** A copy of the numeric parts, as written (trailing zeros kept). */
    @Override
    public int[] parts() {
        return parts.clone();
    }

    /** How many numeric parts were written. */
    public int partCount() {
        return parts.length;
    }

    /** The numeric part at {@code index} (as an unsigned int), or 0 past the end. */
    public int part(int index) {
        return index < parts.length ? parts[index] : 0;
    }

    public int major() {
        return part(0);
    }

    public int minor() {
        return part(1);
    }

    public int patch() {
        return part(2);
    }

    /** True if this version has pre-release tags. */
    public boolean isPreRelease() {
        return !pre.isEmpty();
    }

    /** This version without any pre or post tags. */
    public Version base() {
        return pre.isEmpty() && post.isEmpty() ? this : new Version(parts, TagSet.EMPTY, TagSet.EMPTY);
    }

    /** The same version with other tag sets. */
    public Version withTags(TagSet newPre, TagSet newPost) {
        return new Version(parts, newPre, newPost);
    }

    /** Number of parts once trailing zeros are dropped (0 for an all-zero version). */
    public int significantParts() {
        int n = parts.length;
        while (n > 0 && parts[n - 1] == 0) {
            n--;
        }
        return n;
    }

    /** Compares the numeric parts only, treating missing parts as zero. */
    public static int compareParts(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            int c = Integer.compareUnsigned(x, y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** True if the numeric parts are equal ignoring trailing zeros. */
    public boolean partsEqual(Version o) {
        return compareParts(parts, o.parts) == 0;
    }

    /** Compares pre-release tags: having none sorts after having some. */
    static int comparePre(TagSet a, TagSet b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        return a.compareTo(b);
    }

    @Override
    public int compareTo(Version o) {
        int c = compareParts(parts, o.parts);
        if (c != 0) {
            return c;
        }
        c = comparePre(pre, o.pre);
        if (c != 0) {
            return c;
        }
        return post.compareTo(o.post);
    }

    /** Compares ignoring numeric parts: pre tags, then post tags. */
    public static int compareTags(Version a, Version b) {
        int c = comparePre(a.pre, b.pre);
        return c != 0 ? c : a.post.compareTo(b.post);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Version v && partsEqual(v) && pre.equals(v.pre) && post.equals(v.post);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(Arrays.copyOf(parts, significantParts())) + pre.hashCode())
                + post.hashCode();
    }

    /** Display form: padded to at least three parts, e.g. {@code 1.2} shows as {@code 1.2.0}. */
    @Override
    public String toString() {
        return joinParts(parts.length < MINIMUM_DISPLAY_PARTS ? Arrays.copyOf(parts, MINIMUM_DISPLAY_PARTS) : parts)
                + tagsSuffix("+");
    }

    /** Serialised form: the parts as written, e.g. {@code 1.2}; how specs store a version. */
    public String toSerialized() {
        return joinParts(parts) + tagsSuffix("+");
    }

    /** Storage form: trailing zeros dropped, then padded to three parts ({@code 1.2.3.0 -> 1.2.3}). */
    public String toStorageString() {
        return joinParts(storageParts()) + tagsSuffix("+");
    }

    /** The form used in spfs tag paths: the storage form with {@code +} written as {@code ..}. */
    public String toTagPath() {
        return joinParts(storageParts()) + tagsSuffix("..");
    }

    private int[] storageParts() {
        return Arrays.copyOf(parts, Math.max(significantParts(), MINIMUM_DISPLAY_PARTS));
    }

    private String tagsSuffix(String postSeparator) {
        if (pre.isEmpty() && post.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (!pre.isEmpty()) {
            sb.append('-').append(pre);
        }
        if (!post.isEmpty()) {
            sb.append(postSeparator).append(post);
        }
        return sb.toString();
    }

    /** Joins numeric parts with dots; no parts at all is written {@code 0}. */
    static String joinParts(int[] ps) {
        if (ps.length == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ps.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(Integer.toUnsignedString(ps[i]));
        }
        return sb.toString();
    }
}
