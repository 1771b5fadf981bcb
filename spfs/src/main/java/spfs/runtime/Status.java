package spfs.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import spfs.encoding.Digest;

/**
 * What a runtime is doing: its stack (bottom first in memory; spfs stores it top first),
 * layers made by flattening, editability, and the processes that own and monitor it.
 */
public record Status(List<Digest> stack, Set<Digest> flattenedLayers, boolean editable, boolean running,
        Optional<Long> owner, Optional<Long> monitor, List<String> command) {
    public Status {
        stack = List.copyOf(stack);
        flattenedLayers = Set.copyOf(new LinkedHashSet<>(flattenedLayers));
        command = List.copyOf(command);
    }

    /** A new runtime's status: nothing stacked, not running. */
    public static Status initial() {
        return new Status(List.of(), Set.of(), false, false, Optional.empty(), Optional.empty(), List.of());
    }

    /** Pushes a digest; one already in the stack moves to the top (spfs's Stack semantics). */
    public Status push(Digest d) {
        List<Digest> s = new ArrayList<>(stack);
        s.remove(d);
        s.add(d);
        return withStack(s);
    }

    public Status withStack(List<Digest> s) {
        return new Status(s, flattenedLayers, editable, running, owner, monitor, command);
    }

    public Status withFlattened(Set<Digest> f) {
        return new Status(stack, f, editable, running, owner, monitor, command);
    }

    public Status withEditable(boolean e) {
        return new Status(stack, flattenedLayers, e, running, owner, monitor, command);
    }

    public Status withRunning(boolean r) {
        return new Status(stack, flattenedLayers, editable, r, owner, monitor, command);
    }

    public Status withOwner(Optional<Long> o) {
        return new Status(stack, flattenedLayers, editable, running, o, monitor, command);
    }

    public Status withMonitor(Optional<Long> m) {
        return new Status(stack, flattenedLayers, editable, running, owner, m, command);
    }

    public Status withCommand(List<String> c) {
        return new Status(stack, flattenedLayers, editable, running, owner, monitor, c);
    }

    /** The stack top first, as spfs lists it. */
    public List<Digest> topDown() {
        List<Digest> l = new ArrayList<>(stack);
        java.util.Collections.reverse(l);
        return l;
    }
}
