package spk.cli.spk;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spfs.ProgressReporter;
import spk.cli.spk.flags.RepositoryFlags;
import spk.grammar.ident.BuildIdent;
import spk.storage.SpfsPackageRepository;
import spk.storage.upkeep.Removal;

/**
 * {@code spk remove PKG...}: removes packages from repositories (local unless {@code -r}), as SPK
 * does: every version of a name (after asking, unless {@code -y}), a version's builds and recipe,
 * or one build. Their tags go; {@code spfs clean} then frees what nothing else uses.
 */
@Command(name = "remove", aliases = "rm", description = "Remove packages, versions or builds from a repository (local unless -r).")
public final class RemoveCommand implements Callable<Integer> {
    @Mixin
    RepositoryFlags repositories;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (removing every version of a name asks).")
    boolean yes;

    @Parameters(paramLabel = "NAME[/VERSION[/BUILD]]", arity = "1..*",
            description = "A package (all its versions), a version (its builds and recipe), or one build.")
    List<String> packages;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<SpfsPackageRepository> repos = repositories.forChange(spec);
        if (repos.isEmpty()) {
            throw new LsCommand.NotFound("no repository to remove from: the local repository does not exist yet, "
                    + "or was left out; name one with -r");
        }
        PrintWriter out = spec.commandLine().getOut();
        String names = String.join(", ", repos.stream().map(SpfsPackageRepository::name).toList());
        if (!yes) {
            Confirmation confirm = new Confirmation(out);
            for (String p : packages) {
                if (!p.contains("/") && !confirm.ask("Are you sure that you want to remove all versions of " + p
                        + " from " + names + "? [y/N]: ")) {
                    out.println("Removal canceled: nothing was removed.");
                    out.flush();
                    return 1;
                }
            }
        }
        List<Removal.Target> targets = Removal.plan(repos, packages);
        long builds = targets.stream().mapToLong(t -> t.builds().size()).sum();
        List<String> lines = new java.util.ArrayList<>();
        try (ProgressReporter bar = ProgressReporter.forTerminal("removing")) {
            bar.planned(builds);
            for (Removal.Target t : targets) {
                Removal.Removed r = Removal.apply(t, b -> bar.step());
                for (BuildIdent b : r.builds()) {
                    lines.add("removed build " + b + " from " + t.repository().name());
                }
                if (r.recipe()) {
                    lines.add("removed recipe " + t.version() + " from " + t.repository().name());
                }
            }
        }
        // after the bar is gone, so the lines do not tangle with it
        lines.forEach(out::println);
        out.flush();
        IndexUpkeep.refresh(targets.stream().map(Removal.Target::repository).toList(), spec.commandLine().getErr());
        return 0;
    }
}
