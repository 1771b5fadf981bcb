package spk.spec.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spk.grammar.compat.Compat;
import spk.grammar.ident.RangeIdent;
import spk.grammar.name.OptName;
import spk.grammar.request.PreReleasePolicy;
import spk.spec.model.Inheritance;
import spk.spec.model.Opt;
import spk.spec.problem.Problems;
import spk.spec.yaml.YamlNode;

/** Reads {@code build.options}: var options ({@code var:}) and pkg options ({@code pkg:}). */
public final class OptionReader {
    private static final Set<String> VAR_KEYS = Set.of("var", "default", "choices", "inheritance", "static",
            "description", "compat", "required");
    private static final Set<String> PKG_KEYS = Set.of("pkg", "default", "prereleasePolicy", "static");

    private OptionReader() {}

    /** Reads the list; a second option with the same full name is an error. */
    public static List<Opt> readList(YamlNode list, Problems problems) {
        List<Opt> out = new ArrayList<>();
        Map<OptName, YamlNode> seen = new HashMap<>();
        for (YamlNode item : list.items()) {
            Opt opt = problems.capture(() -> read(item, problems));
            if (opt == null) {
                continue;
            }
            if (seen.containsKey(opt.fullName())) {
                problems.add(item.problem("duplicate option '" + opt.fullName() + "' (first defined at "
                        + seen.get(opt.fullName()).location() + ")").problem());
                continue;
            }
            seen.put(opt.fullName(), item);
            out.add(opt);
        }
        return out;
    }

    public static Opt read(YamlNode node, Problems problems) {
        if (!node.isMapping()) {
            throw node.problem("expected an option mapping with 'var' or 'pkg', found " + node.kind());
        }
        Optional<YamlNode> var = node.getIgnoreCase("var");
        Optional<YamlNode> pkg = node.getIgnoreCase("pkg");
        if (var.isPresent() && pkg.isPresent()) {
            throw node.problem("an option has either 'var' or 'pkg', not both");
        }
        if (var.isPresent()) {
            Keys.warnUnknown(node, VAR_KEYS, true, problems);
            return readVar(node, var.get());
        }
        if (pkg.isPresent()) {
            Keys.warnUnknown(node, PKG_KEYS, true, problems);
            return readPkg(node, pkg.get());
        }
        throw node.problem("an option needs a 'var' or a 'pkg' key");
    }

    private static Opt.Var readVar(YamlNode node, YamlNode varNode) {
        String text = varNode.string();
        int slash = text.indexOf('/');
        OptName name = Values.parse(varNode, t -> OptName.parse(slash < 0 ? t : t.substring(0, slash)));
        Optional<YamlNode> defaultNode = node.getIgnoreCase("default");
        if (slash >= 0 && defaultNode.isPresent()) {
            throw defaultNode.get().problem(
                    "an option cannot have both a 'default' and a default in the form <name>/<default>");
        }
        String defaultValue = slash >= 0 ? text.substring(slash + 1) : defaultNode.map(YamlNode::string).orElse("");
        List<String> choices = new ArrayList<>();
        Optional<YamlNode> choicesNode = node.getIgnoreCase("choices");
        if (choicesNode.isPresent()) {
            for (YamlNode c : choicesNode.get().items()) {
                String choice = c.string();
                if (choices.contains(choice)) {
                    throw c.problem("choice '" + choice + "' is listed twice");
                }
                choices.add(choice);
            }
        }
        Inheritance inheritance = node.getIgnoreCase("inheritance")
                .map(n -> Values.choice(n, Inheritance::fromYaml, "Weak", "StrongForBuildOnly", "Strong"))
                .orElse(Inheritance.WEAK);
        Optional<String> description = node.getIgnoreCase("description").map(YamlNode::string);
        Optional<Compat> compat = node.getIgnoreCase("compat").map(n -> Values.parse(n, Compat::parse));
        boolean required = node.getIgnoreCase("required").map(YamlNode::bool).orElse(false);
        Optional<String> staticValue = node.getIgnoreCase("static").map(YamlNode::string);
        if (!defaultValue.isEmpty() && !choices.isEmpty() && !choices.contains(defaultValue)) {
            YamlNode at = defaultNode.orElse(varNode);
            throw at.problem("default '" + defaultValue + "' is not one of the choices " + choices);
        }
        return new Opt.Var(name, defaultValue, choices, inheritance, description,
                compat, required, staticValue);
    }

    private static Opt.Pkg readPkg(YamlNode node, YamlNode pkgNode) {
        String text = pkgNode.string();
        RangeIdent ident = Values.parse(pkgNode, RangeIdent::parse);
        if (ident.repository().isPresent()) {
            throw pkgNode.problem("a pkg option cannot name a repository");
        }
        if (ident.build().isPresent()) {
            throw pkgNode.problem("a pkg option cannot name a build");
        }
        int slash = text.indexOf('/');
        Optional<YamlNode> defaultNode = node.getIgnoreCase("default");
        if (slash >= 0 && defaultNode.isPresent()) {
            throw defaultNode.get().problem(
                    "an option cannot have both a 'default' and a default in the form <name>/<default>");
        }
        String range = slash >= 0 ? text.substring(slash + 1) : defaultNode.map(YamlNode::string).orElse("");
        if (defaultNode.isPresent()) {
            Values.parse(defaultNode.get(), spk.grammar.range.VersionFilter::parse);
        }
        Optional<PreReleasePolicy> pre = node.getIgnoreCase("prereleasePolicy")
                .map(n -> Values.choice(n, PreReleasePolicy::fromYaml, "ExcludeAll", "IncludeAll"));
        Optional<String> staticValue = node.getIgnoreCase("static").map(YamlNode::string);
        return new Opt.Pkg(ident.name(), ident.components(), range, pre, staticValue);
    }
}
