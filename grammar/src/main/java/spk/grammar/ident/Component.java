package spk.grammar.ident;

/**
 * A package component name: {@code run}, {@code build}, {@code src}, {@code all} or a custom
 * name with package-name rules. Sorted as SPK sorts them: all, build, run, src, then named ones.
 */
public record Component(String name) implements Comparable<Component> {
    public static final Component ALL = new Component("all");
    public static final Component BUILD = new Component("build");
    public static final Component RUN = new Component("run");
    public static final Component SOURCE = new Component("src");

    public Component {
        spk.grammar.name.PkgName.parse(name);
    }

    public static Component parse(String text) {
        return new Component(text);
    }

    private int rank() {
        return switch (name) {
            case "all" -> 0;
            case "build" -> 1;
            case "run" -> 2;
            case "src" -> 3;
            default -> 4;
        };
    }

    /** True for {@code all}, {@code build}, {@code run} and {@code src}. */
    public boolean isReserved() {
        return rank() < 4;
    }

    @Override
    public int compareTo(Component o) {
        int c = Integer.compare(rank(), o.rank());
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }

    // written out: a record's generated equals and hashCode go through method handles, which the
    // launcher's C1-only JIT runs slowly, and the solver hashes names in its innermost loops
    // (the same values as the generated ones: the field's hash, the field's equality)
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Component other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
