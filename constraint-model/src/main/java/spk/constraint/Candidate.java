package spk.constraint;

/** One way to provide a package (a build, a build from source, an embedded copy): a variable. */
public record Candidate(String pkg, int var, String label) {
    @Override
    public String toString() {
        return label;
    }
}
