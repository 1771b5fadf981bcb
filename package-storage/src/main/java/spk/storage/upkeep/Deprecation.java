package spk.storage.upkeep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spfs.graph.ObjectFormat;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.BuildIdent;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.storage.PackageArgument;
import spk.storage.SpfsPackageRepository;

/**
 * SPK's {@code spk deprecate} and {@code spk undeprecate}: a version ({@code NAME/VERSION}) means
 * its recipe and every build of it, a build ({@code NAME/VERSION/BUILD}) only that build. A
 * deprecated build is only used when requested exactly; a deprecated recipe is never built from.
 * Everything is looked up in every repository before anything changes.
 */
public final class Deprecation {
    private Deprecation() {}

    /** One spec to flag or unflag, in one repository. */
    public sealed interface Target {
        SpfsPackageRepository repository();

        /** The version or build, as shown to the user. */
        String ident();

        boolean deprecated();
    }

    /** A version's recipe. */
    public record RecipeTarget(Recipe recipe, SpfsPackageRepository repository) implements Target {
        @Override
        public String ident() {
            return recipe.pkg().toString();
        }

        @Override
        public boolean deprecated() {
            return recipe.deprecated();
        }
    }

    /** One build's spec. */
    public record BuildTarget(PackageSpec spec, SpfsPackageRepository repository) implements Target {
        @Override
        public String ident() {
            return spec.pkg().toString();
        }

        @Override
        public boolean deprecated() {
            return spec.deprecated();
        }
    }

    /**
     * What {@code packages} name in {@code repositories}. A version whose recipe was never
     * published (builds made before recipes were kept) still has its builds changed.
     *
     * @throws PackageArgument.BadRequest for a name without a version, or a trailing slash
     */
    public static List<Target> plan(List<SpfsPackageRepository> repositories, List<String> packages) {
        List<Target> out = new ArrayList<>();
        for (String text : packages) {
            AnyIdent ident = PackageArgument.versioned(text, "deprecate");
            for (SpfsPackageRepository repo : repositories) {
                if (ident.build().isPresent()) {
                    repo.build(new BuildIdent(ident.name(), ident.version(), ident.build().get()))
                            .ifPresent(spec -> out.add(new BuildTarget(spec, repo)));
                    continue;
                }
                Optional<Recipe> recipe = repo.recipe(ident.name(), ident.version());
                recipe.ifPresent(r -> out.add(new RecipeTarget(r, repo)));
                for (PackageSpec build : repo.builds(ident.name(), ident.version())) {
                    if (!build.pkg().build().isEmbedded()) {
                        out.add(new BuildTarget(build, repo));
                    }
                }
            }
        }
        return out;
    }

    /** Sets the target's flag to {@code deprecated}; false when it already was so (nothing written). */
    public static boolean apply(Target target, boolean deprecated, ObjectFormat format, String author) {
        if (target.deprecated() == deprecated) {
            return false;
        }
        if (target instanceof RecipeTarget r) {
            r.repository().updateRecipe(r.recipe().withDeprecated(deprecated), format, author);
        } else {
            BuildTarget b = (BuildTarget) target;
            b.repository().updateBuild(b.spec().withDeprecated(deprecated), format, author);
        }
        return true;
    }
}
