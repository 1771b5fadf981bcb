package spk.solver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spk.grammar.build.Base32;
import spk.grammar.option.OptionMap;
import spk.grammar.request.Request;
import spk.solver.repository.CatalogRepository;
import spk.spec.SpecLoader;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.model.SpecFile;

/** Builds in-memory catalogs and solves for tests. A spec without a build gets a digest from its text. */
final class Catalogs {
    private Catalogs() {}

    private static final SpecLoader LOADER = new SpecLoader("0.44.0", Map.of());

    /** Reads each spec; {@code pkg: name/version} becomes {@code name/version/<digest of the text>}. */
    static CatalogRepository repo(String name, String... specs) {
        List<PackageSpec> builds = new ArrayList<>();
        List<Recipe> recipes = new ArrayList<>();
        for (String text : specs) {
            SpecFile f = LOADER.loadText("test", "api: v0/package\n" + text, OptionMap.EMPTY).spec();
            if (f instanceof PackageSpec p) {
                builds.add(p);
            } else {
                String withBuild = text.replaceFirst("(?m)^pkg: *(\\S+)", "pkg: $1/" + digest(text));
                builds.add((PackageSpec) LOADER.loadText("test", "api: v0/package\n" + withBuild, OptionMap.EMPTY)
                        .spec());
            }
        }
        return CatalogRepository.of(name, builds, recipes);
    }

    /** As {@link #repo}, plus recipes (specs without a build, read as recipes). */
    static CatalogRepository repoWithRecipes(String name, List<String> builds, List<String> recipeTexts) {
        CatalogRepository published = repo(name, builds.toArray(new String[0]));
        List<PackageSpec> specs = new ArrayList<>();
        for (String text : builds) {
            spk.grammar.name.PkgName n = new spk.grammar.name.PkgName(text.replaceFirst("(?s)^pkg: *([^/\\s]+).*", "$1"));
            for (var v : published.versions(n)) {
                for (PackageSpec b : published.builds(n, v)) {
                    if (!specs.contains(b)) {
                        specs.add(b);
                    }
                }
            }
        }
        List<Recipe> recipes = new ArrayList<>();
        for (String text : recipeTexts) {
            recipes.add((Recipe) LOADER.loadText("test", "api: v0/package\n" + text, OptionMap.EMPTY).spec());
        }
        return CatalogRepository.of(name, specs, recipes);
    }

    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base32.encodeNoPad(d).substring(0, 8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<InitialRequest> requests(String... texts) {
        List<InitialRequest> out = new ArrayList<>();
        for (String t : texts) {
            Request r = t.startsWith("{") ? spk.spec.read.SpecReader.commandLineRequest(t) : parse(t);
            out.add(InitialRequest.commandLine(r));
        }
        return out;
    }

    private static Request parse(String t) {
        if (t.startsWith("var:")) {
            return spk.grammar.request.VarRequest.parse(t.substring(4));
        }
        return spk.grammar.request.PkgRequest.parse(t);
    }

    static SolveResult solve(Solver.Backend backend, CatalogRepository repo, OptionMap options, String... requests) {
        return new Solver(backend).solve(new SolveRequest(List.of(repo), requests(requests), options, false));
    }

    /** The resolved idents as {@code name/version}, in order. */
    static List<String> versions(SolveResult r) {
        if (!(r instanceof SolveResult.Solved s)) {
            throw new AssertionError("expected a solution, got:\n" + ((SolveResult.Unsatisfiable) r).explanation().render());
        }
        return s.solution().packages().stream().map(p -> p.spec().pkg().name() + "/" + p.spec().pkg().version()).toList();
    }
}
