package spk.grammar.ident;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Formatting of component sets as they appear after a package name. */
public final class Components {
    private Components() {}

    /** An immutable sorted copy. */
    public static SortedSet<Component> sorted(Set<Component> components) {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(components));
    }

    /** {@code ""}, {@code :run} or {@code :{build,run}}. */
    public static String suffix(Set<Component> components) {
        if (components.isEmpty()) {
            return "";
        }
        String inner = new TreeSet<>(components).stream().map(Component::name).collect(Collectors.joining(","));
        return components.size() == 1 ? ":" + inner : ":{" + inner + "}";
    }
}
