package spk.grammar.option;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import spk.grammar.InvalidSyntaxException;
import spk.grammar.name.OptName;

/**
 * Option values by option name, sorted by name ({@code os=linux}, {@code python.abi=cp37m}).
 * Values may be empty.
 */
public record OptionMap(SortedMap<String, String> entries) {
    /** No options. */
    public static final OptionMap EMPTY = new OptionMap(new TreeMap<>());

    public OptionMap {
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            copy.put(OptName.parse(e.getKey()).value(), e.getValue() == null ? "" : e.getValue());
        }
        entries = Collections.unmodifiableSortedMap(copy);
    }

    public static OptionMap of(Map<String, String> entries) {
        return new OptionMap(new TreeMap<>(entries));
    }

    /**
     * Parses one command-line option, {@code name=value} or {@code name:value}, into a map with
     * one entry.
     */
    public static OptionMap parseAssignment(String text) {
        int eq = text.indexOf('=');
        int colon = text.indexOf(':');
        int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
        if (at < 0) {
            throw new InvalidSyntaxException("option", text, 0, "expected name=value or name:value");
        }
        TreeMap<String, String> m = new TreeMap<>();
        m.put(OptName.parse(text.substring(0, at)).value(), text.substring(at + 1));
        return new OptionMap(m);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** This map with {@code other}'s entries added, replacing equal names. */
    public OptionMap with(OptionMap other) {
        TreeMap<String, String> m = new TreeMap<>(entries);
        m.putAll(other.entries);
        return new OptionMap(m);
    }

    /** This map with one entry set. */
    public OptionMap with(String name, String value) {
        TreeMap<String, String> m = new TreeMap<>(entries);
        m.put(name, value);
        return new OptionMap(m);
    }

    /**
     * The value of {@code name} as seen by package {@code pkg}: {@code pkg.name} first, then the
     * global {@code name}.
     */
    public Optional<String> lookup(String pkg, String name) {
        String namespaced = entries.get(pkg + "." + name);
        return namespaced != null ? Optional.of(namespaced) : get(name);
    }

    @Override
    public String toString() {
        return entries.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
