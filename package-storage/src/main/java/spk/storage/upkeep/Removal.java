package spk.storage.upkeep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import spk.error.SpkException;
import spk.grammar.build.Build;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.VersionIdent;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.spec.model.PackageSpec;
import spk.storage.PackageArgument;
import spk.storage.SpfsPackageRepository;

/**
 * SPK's {@code spk remove}: {@code NAME} is every version, {@code NAME/VERSION} a version's
 * builds and recipe, {@code NAME/VERSION/BUILD} one build (and, as in SPK, the version's recipe).
 * Embedded packages go with the build that embeds them. Everything is looked up before anything
 * is removed, so an argument that names nothing leaves every repository as it was.
 */
public final class Removal {
    private Removal() {}

    /**
     * What to remove from one repository for one version.
     *
     * @param builds the builds to remove
     * @param recipe whether the version has a recipe there
     */
    public record Target(SpfsPackageRepository repository, VersionIdent version, List<BuildIdent> builds, boolean recipe) {
        public Target {
            builds = List.copyOf(builds);
        }
    }

    /** What was removed from one target. */
    public record Removed(List<BuildIdent> builds, boolean recipe) {
        public Removed {
            builds = List.copyOf(builds);
        }
    }

    /** The targets of every argument, in order; one that names nothing anywhere is an error. */
    public static List<Target> plan(List<SpfsPackageRepository> repositories, List<String> packages) {
        List<Target> out = new ArrayList<>();
        for (String text : packages) {
            List<Target> found = new ArrayList<>();
            if (!text.contains("/")) {
                PkgName name = PkgName.parse(text);
                for (SpfsPackageRepository repo : repositories) {
                    for (Version v : repo.versions(name)) {
                        found.add(version(repo, new VersionIdent(name, v)));
                    }
                }
            } else {
                AnyIdent ident = PackageArgument.versioned(text, "remove");
                for (SpfsPackageRepository repo : repositories) {
                    if (ident.build().isEmpty()) {
                        found.add(version(repo, ident.versionIdent()));
                        continue;
                    }
                    BuildIdent id = new BuildIdent(ident.name(), ident.version(), ident.build().get());
                    boolean recipe = repo.recipe(id.name(), id.version()).isPresent();
                    found.add(new Target(repo, ident.versionIdent(), repo.build(id).isPresent() ? List.of(id) : List.of(),
                            recipe));
                }
            }
            found.removeIf(t -> t.builds().isEmpty() && !t.recipe());
            if (found.isEmpty()) {
                throw new NothingToRemove(text + " is not in " + String.join(", ",
                        repositories.stream().map(SpfsPackageRepository::name).toList()));
            }
            out.addAll(found);
        }
        return out;
    }

    private static Target version(SpfsPackageRepository repo, VersionIdent version) {
        List<BuildIdent> builds = new ArrayList<>();
        for (PackageSpec b : repo.builds(version.name(), version.version())) {
            Build build = b.pkg().build();
            if (!build.isEmbedded()) {
                builds.add(b.pkg());
            }
        }
        return new Target(repo, version, builds, repo.recipe(version.name(), version.version()).isPresent());
    }

    /** Removes the target's builds (telling {@code removed} after each), then the recipe. */
    public static Removed apply(Target target, Consumer<BuildIdent> removed) {
        List<BuildIdent> done = new ArrayList<>();
        for (BuildIdent b : target.builds()) {
            if (target.repository().removeBuild(b)) {
                done.add(b);
            }
            removed.accept(b);
        }
        boolean recipe = target.recipe()
                && target.repository().removeRecipe(target.version().name(), target.version().version());
        return new Removed(done, recipe);
    }

    /** An argument that names nothing in the repositories. */
    public static final class NothingToRemove extends SpkException {
        private static final long serialVersionUID = 1L;

        NothingToRemove(String message) {
            super("nothing-to-remove", message);
        }

        @Override
        public Kind kind() {
            return Kind.UNSATISFIABLE;
        }
    }
}
