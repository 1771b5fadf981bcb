package spk.debian.sat;

/**
 * What an installation needs, for a goal-directed search: {@code of[v]} lists, for variable v
 * (a package), each of its dependencies as the variables that satisfy it, best first; {@code roots}
 * lists the disjunctions that must hold whatever is installed (the essential packages). A model
 * in which every chosen package's dependencies and every root hold, and nothing else is chosen,
 * is an installation.
 */
public record Goals(int[][][] of, int[][] roots) {
    private static final int[][] NONE = new int[0][];

    /** The dependencies of variable {@code v}. */
    public int[][] of(int v) {
        return v < of.length && of[v] != null ? of[v] : NONE;
    }
}
