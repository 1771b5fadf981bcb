package spk.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import spk.grammar.option.OptionMap;
import spk.grammar.request.Request;
import spk.spec.model.Recipe;
import spk.spec.variant.HostOptions;
import spk.spec.workspace.StageRequests;
import spk.spec.workspace.StageRequests.Stage;

/** SPK's PKG@STAGE requests: a recipe's source package, build environment or exact version. */
class StageRequestsTest {
    static final Recipe RECIPE = (Recipe) new SpecLoader("0.44.0", Map.of()).loadText("r.spk.yaml", """
            pkg: tool/1.2
            build:
              options:
                - pkg: cmake/3
                - var: debug/off
              variants:
                - {debug: on}
                - {debug: off, zlib: 1.2}
            """, OptionMap.EMPTY).spec();
    static final HostOptions HOST = new HostOptions("linux", "x86_64", java.util.Optional.empty(), java.util.Optional.empty());

    static List<String> requests(String text) {
        return StageRequests.of(RECIPE, StageRequests.parse(text), OptionMap.EMPTY, HOST).stream().map(Request::toString).toList();
    }

    @Test
    void stagesAreReadAsSpkSpellsThem() {
        assertEquals(new StageRequests.StageRequest("tool.spk.yaml", Stage.SOURCES, OptionalInt.empty()),
                StageRequests.parse("tool.spk.yaml@sources"));
        assertEquals(Stage.SOURCES, StageRequests.parse("tool@source").stage(), "the singular the issue uses, too");
        assertEquals(new StageRequests.StageRequest("tool/1.2", Stage.BUILD, OptionalInt.of(1)),
                StageRequests.parse("tool/1.2@build?v=1"));
        assertTrue(StageRequests.isStageRequest("tool@install"));
        assertFalse(StageRequests.isStageRequest("tool/1.2"));
        assertFalse(StageRequests.isStageRequest("{pkg: tool, include: IfAlreadyPresent}"));
        assertEquals("'tool@test': unknown stage 'test' (sources, build or install)",
                assertThrows(StageRequests.BadStage.class, () -> StageRequests.parse("tool@test")).getMessage());
        assertThrows(StageRequests.BadStage.class, () -> StageRequests.parse("tool@install?v=1"));
        assertThrows(StageRequests.BadStage.class, () -> StageRequests.parse("@build"));
    }

    @Test
    void eachStageBecomesItsRequests() {
        assertEquals(List.of("tool:src/=1.2.0/src"), requests("tool@sources"));
        assertEquals(List.of("tool/=1.2.0"), requests("tool@install"));
        assertEquals(List.of("cmake:build/3.0.0", "debug/off"), requests("tool@build"), "the options alone");
        assertEquals(List.of("cmake:build/3.0.0", "debug/on"), requests("tool@build?v=0"));
        assertEquals(List.of("cmake:build/3.0.0", "debug/off", "zlib:build/1.2.0"), requests("tool@build?v=1"),
                "a variant's extra requirement too");
        assertEquals("tool@build?v=2: tool/1.2.0 has 2 variant(s), numbered from 0",
                assertThrows(StageRequests.BadStage.class, () -> requests("tool@build?v=2")).getMessage());
    }
}
