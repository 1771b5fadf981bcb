package spfs.runtime;

import spfs.error.SpfsException;
import spfs.storage.fs.UserRenders;

/**
 * Who may act on a runtime: removing, joining or killing one is for the user who made it, and
 * root. Other users (on a shared repository they could reach its record) are refused, whatever
 * flags they give.
 */
public final class RuntimeAccess {
    private RuntimeAccess() {}

    /** Why the current user may not act on {@code rt}, or null if they may. */
    public static String refusal(RuntimeData rt) {
        if (UserRenders.currentUid() == 0 || rt.author().userName().equals(currentUser())) {
            return null;
        }
        return "it belongs to " + rt.author().userName() + "; only " + rt.author().userName() + " or root may remove,"
                + " join or stop it";
    }

    /** Fails (exit 3) unless the current user made {@code rt} or is root. */
    public static void requireOwner(RuntimeData rt, String action) {
        String why = refusal(rt);
        if (why != null) {
            throw SpfsException.environment("permission-denied", "cannot " + action + " runtime " + rt.name() + ": " + why,
                    null);
        }
    }

    private static String currentUser() {
        return System.getProperty("user.name", "");
    }
}
