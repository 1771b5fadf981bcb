package spfs.check;

import java.util.List;
import spfs.encoding.Digest;

/** The outcome of a check: counts, and every problem found (and whether it was repaired). */
public record CheckReport(long tagsChecked, long objectsChecked, long payloadsChecked, long payloadBytes,
        List<Problem> problems) {

    public CheckReport {
        problems = List.copyOf(problems);
    }

    /** Problems not repaired. */
    public long unresolved() {
        return problems.stream().filter(p -> !p.repaired()).count();
    }

    /** What is wrong with one object or payload. */
    public record Problem(Kind kind, Digest digest, String detail, boolean repaired) {}

    /** The kinds of problem check finds. */
    public enum Kind { MISSING_OBJECT, CORRUPT_OBJECT, MISSING_PAYLOAD, CORRUPT_PAYLOAD }
}
