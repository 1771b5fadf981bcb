package spfs.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import spfs.encoding.BinaryWriter;
import spfs.encoding.Digest;

/** An ordered stack of layers and platforms, bottom first, without duplicates. */
public record Platform(List<Digest> stack, ObjectFormat format) implements SpfsObject {
    public Platform {
        Objects.requireNonNull(format);
        stack = dedupe(stack);
    }

    public Platform(List<Digest> stack) {
        this(stack, ObjectFormat.DEFAULT);
    }

    /** Pushing an existing item moves it to the top, as spfs's Stack does. */
    private static List<Digest> dedupe(List<Digest> items) {
        LinkedHashSet<Digest> set = new LinkedHashSet<>();
        for (Digest d : items) {
            set.remove(d);
            set.add(d);
        }
        return List.copyOf(set);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.PLATFORM;
    }

    @Override
    public List<Digest> childObjects() {
        return stack;
    }

    /** The stack top first, as spfs lists it and encodes it. */
    public List<Digest> topDown() {
        List<Digest> l = new ArrayList<>(stack);
        java.util.Collections.reverse(l);
        return l;
    }

    @Override
    public void digestEncode(BinaryWriter w) {
        w.u64(stack.size());
        for (Digest d : topDown()) {
            w.digest(d);
        }
    }
}
