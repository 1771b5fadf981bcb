package spk.storage.upkeep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spk.grammar.ident.Component;
import spk.grammar.option.OptionMap;
import spk.spec.SpecLoader;
import spk.spec.model.Recipe;
import spk.storage.SpfsPackageRepository;

/** A real spfs repository with packages published in SPK's layout, for the upkeep tests. */
final class UpkeepFixture {
    static final SpecLoader LOADER = new SpecLoader("0.44.0", Map.of());
    final Path dir;
    final SpfsPackageRepository repo;

    UpkeepFixture(Path dir, String name) {
        this.dir = dir;
        this.repo = new SpfsPackageRepository(name, FsRepository.create(dir.resolve(name), Optional.empty()), LOADER);
    }

    /** A layer holding one file. */
    Digest layer(String file, String text) throws Exception {
        Path d = Files.createTempDirectory(dir, "layer");
        Files.createDirectories(d.resolve(file).getParent());
        Files.writeString(d.resolve(file), text);
        return new DirectoryCommitter(repo.spfs(), ObjectFormat.DEFAULT, 1).commit(d).layer().digest();
    }

    /**
     * Publishes a build (an ident, or the YAML of its spec) whose run component holds {@code
     * file} with {@code text}.
     */
    UpkeepFixture build(String identOrYaml, String file, String text) throws Exception {
        String yaml = identOrYaml.startsWith("pkg:") ? identOrYaml : "pkg: " + identOrYaml + "\n";
        repo.publish("api: v0/package\n" + yaml, Map.of(Component.RUN, layer(file, text)), ObjectFormat.DEFAULT, "test@host");
        return this;
    }

    /** Publishes a recipe. */
    UpkeepFixture recipe(String ident) {
        Recipe r = (Recipe) LOADER.loadText("recipe", "api: v0/package\npkg: " + ident + "\nbuild:\n  script: [true]\n",
                OptionMap.EMPTY).spec();
        repo.updateRecipe(r, ObjectFormat.DEFAULT, "test@host");
        return this;
    }
}
