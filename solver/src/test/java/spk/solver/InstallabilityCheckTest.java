package spk.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import spk.grammar.option.OptionMap;
import spk.solver.check.BuildFilter;
import spk.solver.check.InstallabilityCheck;
import spk.solver.repository.CatalogRepository;

/** Whole-repository installability: known broken builds are found, explained, and nothing else. */
class InstallabilityCheckTest {
    /** A generated catalog: a chain of libraries, and builds broken in each way a build can be. */
    private static CatalogRepository catalog() {
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            specs.add("pkg: lib" + i + "/1.0.0\n" + (i == 0 ? "" : "install:\n  requirements: [{pkg: lib" + (i - 1) + "/1}]\n"));
        }
        specs.add("pkg: app/1.0.0\ninstall:\n  requirements: [{pkg: lib5/1}]\n");
        // broken: a missing package, an impossible version, two requirements that clash
        specs.add("pkg: needs-ghost/1.0.0\ninstall:\n  requirements: [{pkg: ghost/1}]\n");
        specs.add("pkg: needs-lib9/1.0.0\ninstall:\n  requirements: [{pkg: lib0/9}]\n");
        specs.add("pkg: py/2.7.0\n");
        specs.add("pkg: py/3.9.0\n");
        specs.add("pkg: py2-tool/1.0.0\ninstall:\n  requirements: [{pkg: py/2}]\n");
        specs.add("pkg: clash/1.0.0\ninstall:\n  requirements: [{pkg: py2-tool/1}, {pkg: py/3}]\n");
        // broken only through what it depends on
        specs.add("pkg: uses-clash/1.0.0\ninstall:\n  requirements: [{pkg: clash/1}]\n");
        return Catalogs.repo("gen", specs.toArray(new String[0]));
    }

    private static InstallabilityCheck.Report check(List<BuildFilter> filters) {
        return new InstallabilityCheck(new Solver(Solver.Backend.SAT4J), List.of(catalog()), OptionMap.EMPTY).run(filters);
    }

    @Test
    void findsAndExplainsExactlyTheBrokenBuilds() {
        InstallabilityCheck.Report r = check(List.of());
        assertEquals(14, r.builds().size());
        List<String> broken = r.broken().stream().map(c -> c.build().name().value()).sorted().toList();
        assertEquals(List.of("clash", "needs-ghost", "needs-lib9", "uses-clash"), broken);
        String ghost = r.broken().stream().filter(c -> c.build().name().value().equals("needs-ghost")).findFirst()
                .orElseThrow().problem().orElseThrow().render();
        assertTrue(ghost.contains("no builds of 'ghost' in any repository"), ghost);
        // the same words as spk explain
        SolveResult explained = Catalogs.solve(Solver.Backend.SAT4J, catalog(), OptionMap.EMPTY, "needs-ghost");
        String byExplain = ((SolveResult.Unsatisfiable) explained).explanation().render();
        assertEquals(byExplain.substring(byExplain.indexOf("Package ghost:")), ghost.substring(ghost.indexOf("Package ghost:")));
        // app's solution certified the whole chain under it: far fewer solves than builds
        assertTrue(r.solves() < r.builds().size(), r.solves() + " solves");
    }

    @Test
    void certifyingGivesTheSameVerdictsAsSolvingEachBuildAlone() {
        InstallabilityCheck.Report all = check(List.of());
        for (InstallabilityCheck.Checked c : all.builds()) {
            InstallabilityCheck.Report alone = check(List.of(BuildFilter.parse(c.build().toString())));
            assertEquals(1, alone.builds().size(), c.build().toString());
            assertEquals(c.installable(), alone.builds().get(0).installable(), c.build().toString());
        }
    }

    @Test
    void filtersSelectNamesVersionsAndBuilds() {
        assertEquals(2, check(List.of(BuildFilter.parse("py"))).builds().size());
        assertEquals(1, check(List.of(BuildFilter.parse("py/3.9")), List.of()).builds().size());
    }

    private static InstallabilityCheck.Report check(List<BuildFilter> filters, List<String> unused) {
        return check(filters);
    }

    @Test
    void ourDemoCatalogHasOneBuildThatCannotInstall() {
        Path demo = Path.of("../packages/demo-catalog.yaml");
        if (!Files.isRegularFile(demo)) {
            demo = Path.of("packages/demo-catalog.yaml");
        }
        CatalogRepository repo = CatalogRepository.load("demo", demo);
        InstallabilityCheck.Report r = new InstallabilityCheck(new Solver(Solver.Backend.SAT4J), List.of(repo),
                OptionMap.of(java.util.Map.of("os", "linux", "arch", "x86_64"))).run(List.of());
        assertEquals(6, r.builds().size(), r.builds().toString());
        // greeter 2.0.0 was built against hello 1.3.0, which the catalog does not hold
        assertEquals(List.of("greeter/2.0.0/F2DXH5JT"), r.broken().stream().map(c -> c.build().toString()).toList());
        assertTrue(r.broken().get(0).problem().orElseThrow().render().contains("requires hello/1.3.0"));
    }
}
