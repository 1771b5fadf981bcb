package spk.spec.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import spk.grammar.ident.RangeIdent;
import spk.grammar.name.OptName;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.PreReleasePolicy;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.grammar.request.VarSuppression;
import spk.spec.problem.Problems;
import spk.spec.yaml.YamlNode;

/**
 * Reads requests as written in {@code install.requirements}, component and test requirements,
 * requests files and on the command line. Keys compare without regard to case.
 */
public final class RequestReader {
    private static final Set<String> PKG_KEYS = Set.of("pkg", "prereleasePolicy", "include", "fromBuildEnv",
            "ifPresentInBuildEnv", "requiredCompat");
    private static final Set<String> VAR_KEYS = Set.of("var", "value", "fromBuildEnv", "ifPresentInBuildEnv",
            "description", "suppress");

    private RequestReader() {}

    /** Reads a list of requests, recording a problem for each bad one and skipping it. */
    public static List<Request> readList(YamlNode list, Problems problems) {
        List<Request> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            Request r = problems.capture(() -> read(item, problems));
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** Reads one request mapping with exactly one of {@code pkg} or {@code var}. */
    public static Request read(YamlNode node, Problems problems) {
        if (!node.isMapping()) {
            throw node.problem("expected a request mapping with 'pkg' or 'var', found " + node.kind());
        }
        Optional<YamlNode> pkg = node.getIgnoreCase("pkg");
        Optional<YamlNode> var = node.getIgnoreCase("var");
        if (pkg.isPresent() && var.isPresent()) {
            throw node.problem("a request has either 'pkg' or 'var', not both");
        }
        if (pkg.isPresent()) {
            Keys.warnUnknown(node, PKG_KEYS, true, problems);
            return readPkg(node, pkg.get());
        }
        if (var.isPresent()) {
            Keys.warnUnknown(node, VAR_KEYS, true, problems);
            return readVar(node, var.get());
        }
        throw node.problem("a request needs a 'pkg' or a 'var' key");
    }

    private static PkgRequest readPkg(YamlNode node, YamlNode pkgNode) {
        RangeIdent ident = Values.parse(pkgNode, RangeIdent::parse);
        Optional<PreReleasePolicy> pre = node.getIgnoreCase("prereleasePolicy")
                .map(n -> Values.choice(n, PreReleasePolicy::fromYaml, "ExcludeAll", "IncludeAll"));
        InclusionPolicy include = node.getIgnoreCase("include")
                .map(n -> Values.choice(n, InclusionPolicy::fromYaml, "Always", "IfAlreadyPresent"))
                .orElse(InclusionPolicy.ALWAYS);
        Optional<String> pin = Optional.empty();
        Optional<YamlNode> pinNode = node.getIgnoreCase("fromBuildEnv");
        if (pinNode.isPresent()) {
            YamlNode p = pinNode.get();
            if (p.isBool()) {
                pin = p.bool() ? Optional.of("Binary") : Optional.empty();
            } else {
                pin = Optional.of(p.string());
            }
            if (pin.isPresent() && !ident.version().isAny()) {
                throw pkgNode.problem("a request with fromBuildEnv must not name a version; found '"
                        + ident.version() + "'");
            }
        }
        boolean ifPresent = node.getIgnoreCase("ifPresentInBuildEnv").map(YamlNode::bool).orElse(false);
        return new PkgRequest(ident, pre, include, pin, ifPresent);
    }

    private static Request readVar(YamlNode node, YamlNode varNode) {
        String text = varNode.string();
        int slash = text.indexOf('/');
        OptName name = Values.parse(varNode, t -> OptName.parse(slash < 0 ? t : t.substring(0, slash)));
        Optional<String> inlineValue = slash < 0 ? Optional.empty() : Optional.of(text.substring(slash + 1));
        Optional<YamlNode> suppress = node.getIgnoreCase("suppress");
        if (suppress.isPresent()) {
            if (inlineValue.isPresent() || node.getIgnoreCase("value").isPresent()) {
                throw suppress.get().problem("'suppress' is only allowed with a bare 'var: name'");
            }
            return new VarSuppression(name, suppress.get().string());
        }
        Optional<YamlNode> valueNode = node.getIgnoreCase("value");
        if (inlineValue.isPresent() && valueNode.isPresent()) {
            throw valueNode.get().problem("the value is given twice: in 'var: " + text + "' and in 'value'");
        }
        String value = inlineValue.orElseGet(() -> valueNode.map(YamlNode::string).orElse(""));
        boolean fromBuildEnv = node.getIgnoreCase("fromBuildEnv").map(YamlNode::bool).orElse(false);
        if (fromBuildEnv && (inlineValue.isPresent() || valueNode.isPresent())) {
            throw varNode.problem("a var request with fromBuildEnv must not have a value");
        }
        boolean ifPresent = node.getIgnoreCase("ifPresentInBuildEnv").map(YamlNode::bool).orElse(false);
        Optional<String> description = node.getIgnoreCase("description").map(YamlNode::string);
        return new VarRequest(name, value, fromBuildEnv, ifPresent, description);
    }
}
