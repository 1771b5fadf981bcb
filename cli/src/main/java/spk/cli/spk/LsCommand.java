package spk.cli.spk;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spk.flags.SolverFlags;
import spk.error.SpkException;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.solver.repository.PackageRepository;
import spk.spec.model.PackageSpec;
import spk.storage.RepositorySelection;

/**
 * {@code spk ls [NAME[/VERSION]]}: the package names of the repositories, the versions of one
 * package (highest last), or the builds of one version (with {@code -c}, their components).
 */
@Command(name = "ls", aliases = "list", description = "List packages, the versions of a package, or the builds of a version.")
public final class LsCommand implements Callable<Integer> {
    @Mixin
    SolverFlags solver;

    @Option(names = {"-c", "--components"}, description = "With NAME/VERSION: show each build's published components.")
    boolean components;

    @Parameters(paramLabel = "NAME[/VERSION]", arity = "0..1", description = "A package, or one version of it.")
    String target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<PackageRepository> repos = solver.repositories();
        PrintWriter out = spec.commandLine().getOut();
        List<String> lines = new ArrayList<>();
        if (target == null) {
            TreeSet<PkgName> names = new TreeSet<>();
            repos.forEach(r -> names.addAll(r.packageNames()));
            names.forEach(n -> lines.add(n.value()));
        } else {
            int slash = target.indexOf('/');
            PkgName name = PkgName.parse(slash < 0 ? target : target.substring(0, slash));
            if (slash < 0) {
                TreeSet<Version> versions = new TreeSet<>();
                repos.forEach(r -> versions.addAll(r.versions(name)));
                versions.forEach(v -> lines.add(v.toString()));
            } else {
                Version version = Version.parse(target.substring(slash + 1));
                for (PackageRepository r : repos) {
                    for (PackageSpec b : r.builds(name, version)) {
                        String line = b.pkg().toString();
                        if (components) {
                            line += " " + r.publishedComponents(b.pkg()).stream().map(Component::toString).toList();
                        }
                        lines.add(line + "  (" + r.name() + ")");
                    }
                }
            }
        }
        if (target != null && lines.isEmpty()) {
            String where = repos.isEmpty() ? "no repository to look in (the local one is empty; give others with -r)"
                    : "not in " + String.join(", ", RepositorySelection.names(repos));
            throw new NotFound((target.contains("/") ? "no builds of " : "no package ") + target + ": " + where);
        }
        lines.forEach(out::println);
        out.flush();
        return 0;
    }

    /** What was asked for is in none of the repositories. */
    static final class NotFound extends SpkException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super("not-found", message);
        }

        @Override
        public Kind kind() {
            return Kind.UNSATISFIABLE;
        }
    }
}
