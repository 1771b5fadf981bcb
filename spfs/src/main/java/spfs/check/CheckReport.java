package spfs.check;

import java.util.List;
import spfs.encoding.Digest;

/**
 * The outcome of a check: counts, every problem found (and whether it was repaired), and
 * warnings that do not make the repository wrong but unsafe (permissions other users could abuse).
 */
public record CheckReport(long tagsChecked, long objectsChecked, long payloadsChecked, long payloadBytes,
        List<Problem> problems, List<String> warnings) {

    public CheckReport {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** Problems not repaired. */
    public long unresolved() {
        return problems.stream().filter(p -> !p.repaired()).count();
    }

    /**
     * What is wrong with one object, payload, tag or file of the repository. {@code subject} is
     * the digest, tag or path it concerns; {@code digest} is null when it is not an object or payload.
     */
    public record Problem(Kind kind, String subject, Digest digest, String detail, boolean repaired) {
        /** A problem with an object or payload. */
        public Problem(Kind kind, Digest digest, String detail, boolean repaired) {
            this(kind, digest.toString(), digest, detail, repaired);
        }
    }

    /** The kinds of problem check finds. */
    public enum Kind { MISSING_OBJECT, CORRUPT_OBJECT, MISSING_PAYLOAD, CORRUPT_PAYLOAD, CORRUPT_TAG, DAMAGED_FILE }
}
