package spk.spec.model;

import java.util.List;
import spk.grammar.option.OptionMap;
import spk.grammar.request.Request;

/** A {@code v0/requirements} file: requests and options usable wherever the CLI takes requests. */
public record RequirementsFile(List<Request> requirements, OptionMap options) implements SpecFile {
    public RequirementsFile {
        requirements = List.copyOf(requirements);
    }
}
