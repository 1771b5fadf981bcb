package spk.cli.spk.flags;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import spfs.config.ConfigLoader;
import spk.cli.spk.SpkCommand;
import spk.solver.repository.PackageRepository;
import spk.storage.RepositorySelection;
import spk.storage.SpfsPackageRepository;

/**
 * SPK's repository flags: {@code -r/--enable-repo}, {@code --disable-repo},
 * {@code -L/--local-repo-only}, {@code --no-local-repo}, {@code --when}. Reading commands take
 * local, each {@code -r}, then origin; commands that change repositories take local alone, or
 * only what {@code -r} names.
 */
public final class RepositoryFlags {
    @Option(names = {"-r", "--enable-repo", "--repo"}, paramLabel = "NAME|PATH",
            description = "Also read this repository (after local, before origin): 'local', a configured spfs remote "
                    + "('origin'), NAME=PATH, or a path: an spfs repository, a folder of built package specs, or one "
                    + "YAML file of them. A name may end in a time, e.g. origin~10m or origin@2024-10-11. Repeatable.")
    private List<String> repos = new ArrayList<>();

    @Option(names = "--disable-repo", paramLabel = "NAME", description = "Leave out this repository ('local', 'origin', ...). Repeatable.")
    private List<String> disabled = new ArrayList<>();

    @Option(names = {"-L", "--local-repo-only"}, description = "Read the local repository only.")
    private boolean localOnly;

    @Option(names = "--no-local-repo", description = "Leave out the local repository.")
    private boolean noLocal;

    @Option(names = "--when", paramLabel = "TIME",
            description = "Read every spfs repository as it was at TIME: ~10m, ~2weeks (ago), @2024-10-11, @14:45.")
    private String when;

    private RepositorySelection selection() {
        return new RepositorySelection(repos, disabled, noLocal, localOnly, Optional.ofNullable(when));
    }

    /** The repositories a reading command takes packages from, for the command {@code command}. */
    public List<PackageRepository> forReading(CommandSpec command) {
        return selection().open(ConfigLoader.load(SpkCommand.environment(command)), SpkCommand.specLoader(command),
                Instant.now(), ZoneId.systemDefault());
    }

    /** The repositories a command that changes them acts on (local alone unless -r names others). */
    public List<SpfsPackageRepository> forChange(CommandSpec command) {
        return selection().openForChange(ConfigLoader.load(SpkCommand.environment(command)), SpkCommand.specLoader(command),
                Instant.now(), ZoneId.systemDefault());
    }
}
