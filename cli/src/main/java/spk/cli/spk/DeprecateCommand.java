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
import spfs.config.Config;
import spfs.config.ConfigLoader;
import spk.cli.spk.flags.RepositoryFlags;
import spk.storage.SpfsPackageRepository;
import spk.storage.upkeep.Deprecation;

/**
 * {@code spk deprecate PKG...}: flags versions (their recipe and every build) or single builds
 * as deprecated, as SPK does: a deprecated build is used only when requested exactly, and a
 * deprecated version is never built from source. Lists what it will change and asks, unless
 * {@code -y}. {@link UndeprecateCommand} is the reverse.
 */
@Command(name = "deprecate", description = "Deprecate package versions or builds in a repository (local unless -r).")
public class DeprecateCommand implements Callable<Integer> {
    @Mixin
    RepositoryFlags repositories;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Parameters(paramLabel = "NAME/VERSION[/BUILD]", arity = "1..*",
            description = "A version (its recipe and all its builds) or one build.")
    List<String> packages;

    @Spec
    CommandSpec spec;

    /** Whether this command deprecates (true) or undeprecates. */
    boolean deprecating() {
        return true;
    }

    @Override
    public Integer call() {
        boolean deprecate = deprecating();
        String verb = deprecate ? "deprecate" : "undeprecate";
        List<SpfsPackageRepository> repos = repositories.forChange(spec);
        if (repos.isEmpty()) {
            throw new LsCommand.NotFound("no repository to " + verb + " in: the local repository does not exist yet, "
                    + "or was left out; name one with -r");
        }
        List<Deprecation.Target> targets = Deprecation.plan(repos, packages);
        if (targets.isEmpty()) {
            throw new LsCommand.NotFound("nothing to " + verb + ": " + String.join(", ", packages) + " is not in "
                    + String.join(", ", repos.stream().map(SpfsPackageRepository::name).toList()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("About to " + verb + " " + targets.size() + (targets.size() == 1 ? " package:" : " packages:"));
        targets.forEach(t -> out.println("  " + t.ident() + " (in " + t.repository().name() + ")"));
        if (!yes && !new Confirmation(out).ask("Do you want to " + verb + " (" + (deprecate ? "retire" : "restore")
                + ") ALL these packages? [y/N]: ")) {
            out.println(Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " canceled: nothing was changed.");
            out.flush();
            return 1;
        }
        Config config = ConfigLoader.load(SpkCommand.environment(spec));
        for (Deprecation.Target t : targets) {
            if (Deprecation.apply(t, deprecate, config.newObjects(), config.tagAuthor())) {
                out.println((deprecate ? "deprecated " : "undeprecated ") + t.ident() + " in " + t.repository().name());
            } else {
                out.println("skipped " + t.ident() + " in " + t.repository().name() + ": it is already "
                        + (deprecate ? "deprecated" : "not deprecated"));
            }
        }
        out.flush();
        IndexUpkeep.refresh(targets.stream().map(Deprecation.Target::repository).toList(), spec.commandLine().getErr());
        return 0;
    }
}
