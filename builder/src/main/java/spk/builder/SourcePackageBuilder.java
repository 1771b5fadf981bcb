package spk.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.error.IoMessages;
import spfs.graph.ObjectFormat;
import spk.grammar.ident.Component;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.variant.BuiltSpecGenerator;
import spk.spec.write.SpecWriter;
import spk.storage.SpfsPackageRepository;

/**
 * Makes a recipe's source package, as SPK's make-source does: collects its sources into
 * {@code /spfs/spk/pkg/NAME/VERSION/src/} (staged in a scratch folder, so nothing but that folder
 * can end up in the layer; script sources run in a runtime whose /spfs is empty, as SPK runs
 * them), commits that as the {@code src} component's layer and publishes the pruned
 * {@code NAME/VERSION/src} spec to the local repository.
 */
public final class SourcePackageBuilder {
    private final SpfsPackageRepository local;
    private final ObjectFormat format;
    private final String author;
    private final BuildProgress progress;
    private final ScratchFolders scratch;
    private final SourceCollector collector;

    /**
     * @param runner  runs script sources in a runtime over an empty /spfs, as SPK does, so what a
     *                script writes to /spfs goes nowhere
     * @param scratch the build's scratch folders and processes, removed however it ends
     */
    public SourcePackageBuilder(SpfsPackageRepository local, ObjectFormat format, String author, BuildProgress progress,
            BinaryBuilder.ScriptRunner runner, ScratchFolders scratch) {
        this.local = local;
        this.format = format;
        this.author = author;
        this.progress = progress;
        this.scratch = scratch;
        this.collector = new SourceCollector(scratch, (script, dir, env) -> runner.run(new BinaryBuilder.ScriptRun(
                "a source script", List.of(), script, false, false, env, dir.toString(), false)));
    }

    /** @param recipeDir the recipe's folder, which local sources are relative to */
    public BinaryBuilder.Built build(Recipe recipe, Path recipeDir) {
        PackageSpec spec = BuiltSpecGenerator.sourcePackage(recipe, recipeDir);
        Path stage;
        try {
            stage = scratch.create("spk-sources-");
        } catch (IOException e) {
            throw new BinaryBuilder.BuildFailed("cannot make a folder for the sources of " + recipe.pkg() + ": "
                    + IoMessages.describe(e));
        }
        try {
            progress.step("collecting the sources of " + recipe.pkg());
            // the folder is there even without sources: builds run in it
            Path into = Files.createDirectories(stage.resolve(BinaryBuilder.sourceDir(recipe.pkg())));
            collector.collect(recipe.sources(), recipeDir, into, BuiltSpecGenerator.packageVariables(spec.pkg()));
            progress.step("committing the sources of " + recipe.pkg());
            Digest layer = new DirectoryCommitter(local.spfs(), format, Runtime.getRuntime().availableProcessors())
                    .commit(stage).layer().digest();
            local.publish(SpecWriter.write(spec), Map.of(Component.SOURCE, layer), format, author);
            return new BinaryBuilder.Built(spec, Map.of(Component.SOURCE, layer));
        } catch (IOException e) {
            throw new BinaryBuilder.BuildFailed("cannot stage the sources of " + recipe.pkg() + ": " + IoMessages.describe(e));
        } finally {
            scratch.remove(stage);
        }
    }
}
