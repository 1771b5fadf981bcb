package spk.grammar.name;

/** A repository name: the same rules as package names; {@code local} is the local repository. */
public record RepositoryName(String value) {
    /** The name of the local repository. */
    public static final RepositoryName LOCAL = new RepositoryName("local");

    public RepositoryName {
        NameRules.checkPkgStyle("repository name", value, value, 0);
    }

    public static RepositoryName parse(String text) {
        return new RepositoryName(text);
    }

    public boolean isLocal() {
        return value.equals("local");
    }

    @Override
    public String toString() {
        return value;
    }
}
