package spk.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import spk.grammar.option.OptionMap;
import spk.spec.problem.SpecException;

class TemplatesTest {
    private final SpecLoader loader = new SpecLoader("0.44.0", Map.of("USER", "tester"));

    private String render(String text, Map<String, String> options) {
        return loader.render("t.spk.yaml", text, OptionMap.of(options));
    }

    @Test
    void defaultOptsFillsOnlyWhatWasNotGiven() {
        String t = "# {% set opt = opt | default_opts(version=\"3.7.3\", flavor=\"plain\") %}\n"
                + "pkg: python/{{ opt.version }}-{{ opt.flavor }}\n";
        assertEquals("# \npkg: python/3.7.3-plain\n", render(t, Map.of()));
        assertEquals("# \npkg: python/3.9.1-plain\n", render(t, Map.of("version", "3.9.1")));
    }

    @Test
    void compareVersionTestsARange() {
        String t = "a: \"{{ '3.9.1' | compare_version(op='>=3.8') }}\"\nb: \"{{ '3.7.0' | compare_version(op='>=', rhs=3.8) }}\"\n";
        assertEquals("a: \"true\"\nb: \"false\"\n", render(t, Map.of()));
    }

    @Test
    void parseVersionGivesItsParts() {
        String t = "# {% set v = '1.2.3-rc.4+r.5' | parse_version %}\na: \"{{ v.major }}.{{ v.minor }} {{ v.pre.rc }} "
                + "{{ v.post.r }} {{ v.base }}\"\nb: \"{{ '7.8.9' | parse_version(field='patch') }}\"\n";
        assertEquals("# \na: \"1.2 4 5 1.2.3\"\nb: \"9\"\n", render(t, Map.of()));
    }

    @Test
    void replaceRegexUsesGroupsAndKeepsBackslashesAsWritten() {
        String t = "abi: {{ opt.version | replace_regex(from=\"(\\d+)\\.(\\d+).*\", to=\"cp$1$2\") }}\n";
        assertEquals("abi: cp39\n", render(t, Map.of("version", "3.9.5")));
    }

    @Test
    void contextHasSpkEnvAndNestedOptions() {
        String t = "a: \"{{ spk.version }} {{ env.USER }} {{ opt.python.abi }}\"\n";
        assertEquals("a: \"0.44.0 tester cp37m\"\n", render(t, Map.of("python.abi", "cp37m")));
    }

    @Test
    void unknownNamesAreErrorsWithALine() {
        SpecException e = assertThrows(SpecException.class, () -> render("a: 1\nb: {{ missing }}\n", Map.of()));
        assertEquals(2, e.problems().get(0).location().line());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aTemplateMustBeAMappingBeforeRendering() {
        SpecException e = assertThrows(SpecException.class, () -> render("- {{ x }}\n", Map.of()));
        assertTrue(e.getMessage().contains("must be a YAML mapping before it is rendered"), e.getMessage());
    }
}
