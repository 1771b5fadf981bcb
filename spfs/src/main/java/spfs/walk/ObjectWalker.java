package spfs.walk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.function.Consumer;
import spfs.encoding.Digest;
import spfs.error.UnknownObjectException;
import spfs.graph.SpfsObject;
import spfs.storage.ObjectDatabase;

/** Visits every object reachable from some roots, each once. */
public final class ObjectWalker {
    private final ObjectDatabase db;

    public ObjectWalker(ObjectDatabase db) {
        this.db = db;
    }

    /**
     * Adds to {@code reached} every digest reachable from {@code root} (missing objects are
     * added but not descended into, and reported to {@code missing}); other read errors propagate.
     */
    public void reach(Digest root, Set<Digest> reached, Consumer<Digest> missing) {
        Deque<Digest> todo = new ArrayDeque<>();
        if (reached.add(root)) {
            todo.push(root);
        }
        while (!todo.isEmpty()) {
            Digest d = todo.pop();
            SpfsObject o;
            try {
                o = db.readObject(d);
            } catch (UnknownObjectException e) {
                missing.accept(d);
                continue;
            }
            for (Digest c : o.childObjects()) {
                if (reached.add(c)) {
                    todo.push(c);
                }
            }
        }
    }
}
