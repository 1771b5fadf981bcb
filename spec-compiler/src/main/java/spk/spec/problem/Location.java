package spk.spec.problem;

/** A place in a spec file: its name and a 1-based line and column (0 when unknown). */
public record Location(String file, int line, int column) {
    /** A location naming only the file. */
    public static Location file(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + ":" + column;
    }
}
