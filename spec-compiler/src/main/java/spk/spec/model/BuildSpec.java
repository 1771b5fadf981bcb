package spk.spec.model;

import java.util.List;

/** A recipe's {@code build} section. */
public record BuildSpec(List<String> script, List<Opt> options, List<VariantSpec> variants, ValidationSpec validation,
        AutoHostVars autoHostVars) {
    /** The script a recipe gets when it names none. */
    public static final List<String> DEFAULT_SCRIPT = List.of("sh ./build.sh");

    public static final BuildSpec DEFAULT = new BuildSpec(DEFAULT_SCRIPT, List.of(), List.of(), ValidationSpec.DEFAULT,
            AutoHostVars.DISTRO);

    public BuildSpec {
        script = List.copyOf(script);
        options = List.copyOf(options);
        variants = List.copyOf(variants);
    }

    public BuildSpec withOptions(List<Opt> newOptions) {
        return new BuildSpec(script, newOptions, variants, validation, autoHostVars);
    }
}
