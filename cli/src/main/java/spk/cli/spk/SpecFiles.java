package spk.cli.spk;

import java.nio.file.Path;
import java.util.Map;
import spk.cli.app.BuildInfo;
import spk.grammar.option.OptionMap;
import spk.spec.SpecLoader;

/** Loading spec files for commands, with the process environment templates see. */
final class SpecFiles {
    private SpecFiles() {}

    static SpecLoader loader() {
        return new SpecLoader(BuildInfo.load().version(), System.getenv());
    }

    static SpecLoader.Loaded load(Path file, OptionMap options) {
        return loader().load(file, options);
    }

    static Map<String, String> env() {
        return System.getenv();
    }
}
