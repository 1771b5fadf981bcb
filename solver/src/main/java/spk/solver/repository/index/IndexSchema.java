package spk.solver.repository.index;

/**
 * Field slots of the index tables, the wire contract written down in {@code docs/repo-index.fbs}.
 * Changing a slot's meaning needs a new {@link #FORMAT}: older indexes are then rebuilt.
 */
final class IndexSchema {
    private IndexSchema() {}

    /** The file identifier FlatBuffers keeps at bytes 4-7. */
    static final String IDENTIFIER = "SPKI";
    static final int FORMAT = 3;

    static final int ROOT_FORMAT = 0;
    static final int ROOT_KIND = 1;
    static final int ROOT_SOURCES = 2;
    static final int ROOT_PACKAGES = 3;
    static final int ROOT_EAGER = 4;
    static final int ROOT_SNAPSHOT_NS = 5;
    static final int ROOT_ENUMS = 6;
    static final int ROOT_FIELDS = 7;

    /**
     * Enumerations are written as their ordinals; this hash of their constants, in order, is
     * written too, so an index made by a build whose enumerations differ is not read as this one's.
     */
    static final int ENUMS = java.util.Arrays.asList(spk.grammar.request.PreReleasePolicy.values(),
            spk.grammar.request.InclusionPolicy.values(), spk.spec.model.Inheritance.values(),
            spk.spec.model.ComponentSpec.FileMatchMode.values(), spk.spec.model.TestSpec.Stage.values(),
            RangeRuleKind.values(), spk.grammar.compat.CompatRule.values()).stream().map(java.util.Arrays::toString).toList()
            .hashCode();

    static final int SOURCE_PATH = 0;
    static final int SOURCE_SIZE = 1;
    static final int SOURCE_MTIME_NS = 2;
    static final int SOURCE_CTIME_NS = 3;
    static final int SOURCE_INODE = 4;
    static final int SOURCE_CRC = 5;
    static final int SOURCE_FIELDS = 6;

    static final int PACKAGE_NAME = 0;
    static final int PACKAGE_VERSIONS = 1;
    static final int PACKAGE_EMBEDS = 2;
    static final int PACKAGE_FIELDS = 3;

    static final int VERSION_TEXT = 0;
    static final int VERSION_SPECS = 1;

    static final int SPEC_TEXT = 0;
    static final int SPEC_FILE = 1;
    static final int SPEC_LINE = 2;
    static final int SPEC_BUILD = 3;
    static final int SPEC_COMPAT = 4;
    static final int SPEC_DEPRECATED = 5;
    static final int SPEC_META = 6;
    static final int SPEC_OPTIONS = 7;
    static final int SPEC_REQUIREMENTS = 8;
    static final int SPEC_ENVIRONMENT = 9;
    static final int SPEC_COMPONENTS = 10;
    static final int SPEC_EMBEDDED = 11;
    static final int SPEC_EMBEDS = 12;
    static final int SPEC_SOURCES = 13;
    static final int SPEC_TESTS = 14;
    static final int SPEC_FIELDS = 15;

    /** A package request's fields; slot 1 names a var request's option, slot 9 holds a package request's ident. */
    static final int REQUEST_KIND = 0;
    static final int REQUEST_IDENT = 9;
    static final int REQUEST_FIELDS = 10;

    static final int IDENT_NAME = 0;
    static final int IDENT_COMPONENTS = 1;
    static final int IDENT_REPOSITORY = 2;
    static final int IDENT_BUILD = 3;
    static final int IDENT_RULES = 4;
    static final int IDENT_FIELDS = 5;

    static final int RULE_KIND = 0;
    static final int RULE_VERSION = 1;
    static final int RULE_REQUIRED = 2;
    static final int RULE_TEXT = 3;
    static final int RULE_FIELDS = 4;
}
