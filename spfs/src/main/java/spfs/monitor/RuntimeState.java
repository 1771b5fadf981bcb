package spfs.monitor;

import spfs.runtime.RuntimeData;

/**
 * The one word {@code spfs runtime list} prints for a runtime, from whether its owner, its
 * monitor and any process in its mount namespace still exist (the same words as spfs, so that
 * scripts grepping for them keep working).
 */
public final class RuntimeState {
    private RuntimeState() {}

    public static String of(RuntimeData rt, ProcessTable table) {
        // both live in the runtime's mount namespace; the same pid elsewhere is another process
        Boolean owner = rt.status().owner().map(p -> table.isAliveIn(p, rt.config().mountNamespace())).orElse(null);
        Boolean monitor = rt.status().monitor().map(p -> table.isAliveIn(p, rt.config().mountNamespace())).orElse(null);
        Boolean inNamespace = rt.config().mountNamespace().map(ns -> table.anyPidIn(ns) >= 0).orElse(null);
        if ((Boolean.TRUE.equals(owner) && Boolean.FALSE.equals(monitor))
                || (Boolean.FALSE.equals(monitor) && Boolean.TRUE.equals(inNamespace))) {
            return "unmonitored";
        }
        if (Boolean.TRUE.equals(owner) || Boolean.TRUE.equals(inNamespace)
                || (Boolean.FALSE.equals(owner) && Boolean.TRUE.equals(monitor) && inNamespace == null)) {
            return "running";
        }
        if (Boolean.FALSE.equals(owner) && Boolean.TRUE.equals(monitor) && Boolean.FALSE.equals(inNamespace)) {
            return "stopping";
        }
        if (Boolean.FALSE.equals(owner) && Boolean.FALSE.equals(inNamespace)) {
            return "stopped";
        }
        if (Boolean.FALSE.equals(owner) && Boolean.FALSE.equals(monitor)) {
            return "stopped";
        }
        if (Boolean.FALSE.equals(owner) && monitor == null) {
            return "zombie";
        }
        if (owner == null && monitor == null) {
            return rt.config().durable() ? "saved" : "unknown";
        }
        return "unknown";
    }

    /** Stale: not durable, had an owner, and neither that owner, its monitor nor its namespace has a process. */
    public static boolean isStale(RuntimeData rt, ProcessTable table) {
        if (rt.config().durable()) {
            return false;
        }
        // a record without an owner may be a runtime still being prepared: not stale by this rule
        String s = of(rt, table);
        return s.equals("stopped") || s.equals("zombie");
    }
}
