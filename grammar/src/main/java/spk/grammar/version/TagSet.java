package spk.grammar.version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A set of release tags with distinct names, kept sorted by name; written {@code a.1,b.2}.
 * Sets compare entry by entry (name, then number); when one is a prefix of the other the
 * shorter set is smaller.
 */
public record TagSet(List<Tag> tags) implements Comparable<TagSet> {
    /** The empty tag set. */
    public static final TagSet EMPTY = new TagSet(List.of());

    public TagSet {
        List<Tag> sorted = new ArrayList<>(tags);
        sorted.sort(null);
        Set<String> seen = new HashSet<>();
        for (Tag t : sorted) {
            if (!seen.add(t.name())) {
                throw new IllegalArgumentException("duplicate tag: " + t.name());
            }
        }
        tags = List.copyOf(sorted);
    }

    /** Builds a tag set; the tags' names must be distinct. */
    public static TagSet of(Collection<Tag> tags) {
        return tags.isEmpty() ? EMPTY : new TagSet(List.copyOf(tags));
    }

    public static TagSet of(Tag... tags) {
        return of(List.of(tags));
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }

    public int size() {
        return tags.size();
    }

    /** The number of the tag with this name, if present. */
    public Optional<Integer> get(String name) {
        for (Tag t : tags) {
            if (t.name().equals(name)) {
                return Optional.of(t.number());
            }
        }
        return Optional.empty();
    }

    /** True if every tag of {@code other} is in this set with the same number. */
    public boolean containsAll(TagSet other) {
        for (Tag t : other.tags) {
            Optional<Integer> mine = get(t.name());
            if (mine.isEmpty() || mine.get().intValue() != t.number()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(TagSet o) {
        int n = Math.min(tags.size(), o.tags.size());
        for (int i = 0; i < n; i++) {
            int c = tags.get(i).compareTo(o.tags.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(tags.size(), o.tags.size());
    }

    @Override
    public String toString() {
        return tags.stream().map(Tag::toString).collect(Collectors.joining(","));
    }
}
