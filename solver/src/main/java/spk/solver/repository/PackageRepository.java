package spk.solver.repository;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;

/**
 * Where the solver finds packages: versions, the built specs of each version, recipes to build
 * from source, which components of a build were published, and which builds embed a package.
 */
public interface PackageRepository {
    /** The repository's name, shown as a solution's source ({@code local}, {@code origin}, ...). */
    String name();

    /** Every package name with at least one build or recipe. */
    Set<PkgName> packageNames();

    /** The versions of a package (any order); empty if unknown. */
    List<Version> versions(PkgName name);

    /** The builds of one version, source builds included, embed stubs excluded. */
    List<PackageSpec> builds(PkgName name, Version version);

    /** The recipe of a version, if published. */
    Optional<Recipe> recipe(PkgName name, Version version);

    /** The components of a build that have published layers. */
    Set<Component> publishedComponents(BuildIdent build);

    /** The builds that embed a package of this name (what SPK's embed stubs advertise). */
    List<PackageSpec> embeddedBy(PkgName name);
}
