package spk.debian.catalog;

/** A package's {@code Multi-Arch} field; {@code NO} when absent. */
public enum MultiArch {
    NO, SAME, FOREIGN, ALLOWED;

    static MultiArch parse(String s) {
        return switch (s) {
            case "same" -> SAME;
            case "foreign" -> FOREIGN;
            case "allowed" -> ALLOWED;
            default -> NO;
        };
    }
}
