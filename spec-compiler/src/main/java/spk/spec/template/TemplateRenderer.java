package spk.spec.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spk.grammar.option.OptionMap;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.SpecException;

/**
 * Renders {@code *.spk.yaml} templates with Jinjava, a Jinja-compatible engine, with SPK's
 * context ({@code spk}, {@code opt}, {@code env}) and filters ({@code default_opts},
 * {@code compare_version}, {@code parse_version}, {@code replace_regex}).
 */
public final class TemplateRenderer {
    private final Jinjava jinjava;
    private final String spkVersion;

    public TemplateRenderer(String spkVersion) {
        this.spkVersion = spkVersion;
        JinjavaConfig config = JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).build();
        this.jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFilter(new SpkFilters.DefaultOpts());
        jinjava.getGlobalContext().registerFilter(new SpkFilters.CompareVersion());
        jinjava.getGlobalContext().registerFilter(new SpkFilters.ParseVersion());
        jinjava.getGlobalContext().registerFilter(new SpkFilters.ReplaceRegex());
    }

    /** True if the text uses template syntax and so must be rendered. */
    public static boolean isTemplate(String text) {
        return text.contains("{{") || text.contains("{%") || text.contains("{#");
    }

    /** Renders {@code text}; errors name the file and line. */
    public String render(String file, String text, OptionMap options, Map<String, String> env) {
        Map<String, Object> context = new HashMap<>();
        context.put("spk", Map.of("version", spkVersion));
        context.put("opt", nest(options));
        context.put("env", new HashMap<>(env));
        RenderResult result = jinjava.renderForResult(TeraLiterals.forJinjava(text), context);
        List<Problem> problems = new ArrayList<>();
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                problems.add(new Problem(Problem.Severity.ERROR, new Location(file, Math.max(e.getLineno(), 0),
                        Math.max(e.getStartPosition(), 0)), "", "template error: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return result.getOutput();
    }

    /** Options as the template sees them: {@code python.abi} is reachable as {@code opt.python.abi}. */
    static Map<String, Object> nest(OptionMap options) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entries().entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            if (dot < 0) {
                out.putIfAbsent(key, e.getValue());
                continue;
            }
            Object ns = out.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<String, Object>());
            if (ns instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) m;
                map.put(key.substring(dot + 1), e.getValue());
            }
        }
        return out;
    }
}
