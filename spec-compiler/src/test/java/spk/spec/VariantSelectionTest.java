package spk.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spk.grammar.option.OptionMap;
import spk.spec.model.Recipe;
import spk.spec.model.VariantSpec;
import spk.spec.problem.Location;
import spk.spec.variant.VariantSelection;
import spk.spec.variant.VariantSelection.Filter;

class VariantSelectionTest {
    static final Recipe RECIPE = (Recipe) Specs.load("""
            pkg: banner/1.0.0
            build:
              options:
                - var: style/plain
                  choices: [plain, box]
              variants:
                - { style: plain }
                - { style: box }
                - { style: box, distro: centos }
            """);
    static final OptionMap HOST = OptionMap.parseAssignment("distro=debian");

    static List<String> chosen(OptionMap given, OptionMap host, List<Filter> filters, List<VariantSpec> added) {
        return VariantSelection.select(RECIPE, given, host, filters, added).stream()
                .map(s -> s.location() + " " + s.variant().options()).toList();
    }

    @Test
    void byDefaultEveryVariantButThoseForAnotherHost() {
        assertEquals(List.of("variant 0 {style=plain}", "variant 1 {style=box}"), chosen(HOST, HOST, List.of(), List.of()));
        assertEquals(3, chosen(OptionMap.EMPTY, OptionMap.EMPTY, List.of(), List.of()).size(), "--no-host keeps them all");
    }

    @Test
    void byIndexByOptionsAndNewOnes() {
        assertEquals(List.of("variant 2 {distro=centos, style=box}"),
                chosen(HOST, HOST, List.of(new Filter.Index(2)), List.of()), "an index picks even another host's");
        assertEquals(List.of("variant 1 {style=box}"),
                chosen(HOST, HOST, List.of(new Filter.Options(OptionMap.parseAssignment("style=box"))), List.of()));
        assertEquals(List.of("new variant 0 {style=fancy}"), chosen(HOST, HOST, List.of(),
                List.of(new VariantSpec(Map.of("style", "fancy"), Location.file("--new-variant")))));
    }

    @Test
    void aVariantRepeatedOnceTheCommandLineIsAppliedIsTakenOnce() {
        assertEquals(List.of("variant 0 {style=plain}"), chosen(HOST, HOST, List.of(new Filter.Index(0), new Filter.Index(0)),
                List.of()));
    }

    @Test
    void nothingChosenOrOutOfRangeSaysWhy() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> chosen(HOST, HOST,
                List.of(new Filter.Options(OptionMap.parseAssignment("style=huge"))), List.of()));
        assertTrue(none.getMessage().startsWith("no variant of banner/1.0.0 was selected: variant 0 didn't match on style "
                + "(expected huge, variant has plain)"), none.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> chosen(HOST, HOST,
                List.of(new Filter.Index(5)), List.of()));
        assertEquals("--variant 5 is out of range; 3 variant(s) found in banner/1.0.0, numbered from 0", range.getMessage());
    }
}
