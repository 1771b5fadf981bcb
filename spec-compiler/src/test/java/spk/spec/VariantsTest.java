package spk.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.VarRequest;
import spk.spec.model.Opt;
import spk.spec.model.Recipe;
import spk.spec.variant.HostOptions;
import spk.spec.variant.ResolvedVariant;
import spk.spec.variant.VariantOptions;
import spk.spec.variant.Variants;

class VariantsTest {
    static final HostOptions HOST = new HostOptions("linux", "x86_64", Optional.of("rocky"), Optional.of("9.3"));

    static final String REFERENCE_EXAMPLE = """
            pkg: my-pkg/1.0.0
            build:
              options:
                - var: debug/off
                  choices: [on, off]
                - pkg: foo:data/1.0
              variants:
                - { debug: on }
                - { foo: "2.0" }
                - { "foo:docs": "1.0" }
                - { "bar:{extra1,extra2}": "2.0" }
                - { newvar: value }
            """;

    @Test
    void eachVariantKeyFollowsSpksRules() {
        Recipe r = Specs.recipe(REFERENCE_EXAMPLE);
        List<ResolvedVariant> vs = Variants.of(r, OptionMap.EMPTY);
        assertEquals(5, vs.size());
        assertEquals(Optional.of("on"), vs.get(0).options().get("debug"));
        assertEquals(List.of(), vs.get(0).additionalRequirements(), "a known option just takes the value");
        assertEquals(List.of(), vs.get(1).additionalRequirements(), "foo is a known pkg option");
        PkgRequest docs = (PkgRequest) vs.get(2).additionalRequirements().get(0);
        assertEquals("foo:docs/1.0.0", docs.toString());
        PkgRequest bar = (PkgRequest) vs.get(3).additionalRequirements().get(0);
        assertEquals("bar:{extra1,extra2}/2.0.0", bar.toString());
        VarRequest newvar = (VarRequest) vs.get(4).additionalRequirements().get(0);
        assertEquals("newvar/value", newvar.toString());

        List<Opt> opts = VariantOptions.optsFor(r, vs.get(2), HOST);
        Opt.Pkg foo = (Opt.Pkg) opts.stream().filter(o -> o.fullName().value().equals("foo")).findFirst().orElseThrow();
        assertEquals("foo:{data,docs}", foo.nameWithComponents(), "a key with components widens the pkg option");
        assertEquals(List.of("debug", "foo", "os", "arch", "distro", "rocky"),
                opts.stream().map(o -> o.fullName().value()).toList(), "host vars come last");
    }

    @Test
    void withoutVariantsTheDefaultsFormOneVariant() {
        Recipe r = Specs.recipe("pkg: a1/1.0\nbuild:\n  options:\n    - var: debug/off\n    - var: abi\n");
        List<ResolvedVariant> vs = Variants.of(r, OptionMap.of(Map.of("debug", "on", "abi", "x")));
        assertEquals(1, vs.size());
        assertEquals(OptionMap.of(Map.of("debug", "on")), vs.get(0).options(),
                "only options with a default, with the given value");
    }

    @Test
    void digestsDependOnOptionValuesOnly() {
        Recipe r = Specs.recipe(REFERENCE_EXAMPLE);
        List<ResolvedVariant> vs = Variants.of(r, OptionMap.EMPTY);
        String d0 = VariantOptions.digest(r, vs.get(0), OptionMap.EMPTY, HOST).value();
        assertEquals(d0, VariantOptions.digest(r, vs.get(0), OptionMap.EMPTY, HOST).value());
        assertNotEquals(d0, VariantOptions.digest(r, vs.get(1), OptionMap.EMPTY, HOST).value());
        // independently computed: sha1 of "arch=\0debug=on\0distro=\0foo=1.0\0os=\0rocky=\0" (no host
        // values given) plus "foo=data,\1", base32, first 8
        assertEquals("LW3RBHKY", d0);
    }

    @Test
    void anInvalidChoiceIsRejected() {
        Recipe r = Specs.recipe("pkg: a1/1.0\nbuild:\n  options:\n    - var: debug/off\n      choices: [on, off]\n");
        ResolvedVariant v = Variants.of(r, OptionMap.EMPTY).get(0);
        spk.spec.variant.BuildInputException e = assertThrows(spk.spec.variant.BuildInputException.class,
                () -> VariantOptions.digest(r, v, OptionMap.of(Map.of("debug", "maybe")), HOST));
        assertEquals("invalid value 'maybe' for option 'debug', must be one of [on, off]", e.getMessage());
    }

    @Test
    void namespacedValuesWinForTheirPackage() {
        Recipe r = Specs.recipe("pkg: a1/1.0\nbuild:\n  auto_host_vars: None\n  options:\n    - var: abi\n");
        ResolvedVariant v = Variants.of(r, OptionMap.EMPTY).get(0);
        OptionMap given = OptionMap.of(Map.of("abi", "global", "a1.abi", "mine"));
        assertEquals(Optional.of("mine"), VariantOptions.resolve(r.pkg().name(), VariantOptions.optsFor(r, v, HOST),
                given).get("abi"));
    }
}
