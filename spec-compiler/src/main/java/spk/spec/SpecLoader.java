package spk.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import spk.grammar.option.OptionMap;
import spk.spec.model.SpecFile;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.Problems;
import spk.spec.problem.SpecException;
import spk.spec.read.SpecReader;
import spk.spec.template.TemplateRenderer;
import spk.spec.yaml.YamlNode;

/**
 * Loads spec files: renders templates (with the given options), parses the YAML and reads the
 * spec it holds, reporting every problem with its file, line, column and field.
 */
public final class SpecLoader {
    private final String spkVersion;
    private final Map<String, String> env;
    private TemplateRenderer renderer;

    /** @param env the process environment templates see as {@code env} */
    public SpecLoader(String spkVersion, Map<String, String> env) {
        this.spkVersion = spkVersion;
        this.env = Map.copyOf(env);
    }

    /** A spec as loaded: the spec, the text it was read from (rendered), and any warnings. */
    public record Loaded(SpecFile spec, String renderedText, List<Problem> warnings) {}

    /** Reads and loads a file. */
    public Loaded load(Path file, OptionMap options) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(file.toString()), "",
                    "no such file"));
        } catch (IOException e) {
            throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(file.toString()), "",
                    "cannot read the file: " + spk.spec.problem.ReadFailure.describe(e)));
        }
        return loadText(file.toString(), text, options);
    }

    /** Loads spec text; {@code label} names it in errors. */
    public Loaded loadText(String label, String text, OptionMap options) {
        String rendered = render(label, text, options);
        Problems problems = new Problems();
        YamlNode root = YamlNode.parse(label, rendered);
        SpecFile spec = SpecReader.read(root, problems);
        problems.throwIfErrors();
        return new Loaded(spec, rendered, problems.all());
    }

    /**
     * Renders the text if it is a template. As in SPK the unrendered text must already be a YAML
     * mapping, which is why template statements usually sit in YAML comments.
     */
    public String render(String label, String text, OptionMap options) {
        if (!TemplateRenderer.isTemplate(text)) {
            return text;
        }
        YamlNode unrendered = YamlNode.parse(label, text);
        if (!unrendered.isNull() && !unrendered.isMapping()) {
            throw new SpecException(new Problem(Problem.Severity.ERROR, unrendered.location(), "",
                    "a template must be a YAML mapping before it is rendered; put {% ... %} statements in comments"));
        }
        if (renderer == null) {
            renderer = new TemplateRenderer(spkVersion);
        }
        return renderer.render(label, text, options, env);
    }
}
