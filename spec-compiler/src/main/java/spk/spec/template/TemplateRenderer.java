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
    /** The most text a template may render to; recipes are a few kilobytes. */
    static final long MAX_OUTPUT = 16L << 20;
    /** The longest string a template may build (doubling a string in a loop stops here). */
    static final long MAX_STRING = 4L << 20;
    /** The most template nodes one render may evaluate: loop iterations times their bodies. */
    static final long MAX_NODES = 250_000;
    /** How long one render may take. */
    static final long MAX_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final Jinjava jinjava;
    private final String spkVersion;
    /** The budget of the render running on each thread (one Jinjava serves every render). */
    private final ThreadLocal<RenderBudget> budget = new ThreadLocal<>();

    public TemplateRenderer(String spkVersion) {
        this.spkVersion = spkVersion;
        JinjavaConfig config = JinjavaConfig.newBuilder().withFailOnUnknownTokens(true)
                .withMaxOutputSize(MAX_OUTPUT)
                .withMaxStringLength(MAX_STRING)
                .withMaxListSize(100_000)
                .withMaxMapSize(100_000)
                .withRangeLimit(100_000)
                .withNodePreProcessor((node, interpreter) -> {
                    RenderBudget b = budget.get();
                    if (b != null) {
                        b.spend(node.getLineNumber());
                    }
                })
                .build();
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
        RenderResult result;
        budget.set(new RenderBudget(MAX_NODES, System.nanoTime() + MAX_NANOS));
        try {
            result = jinjava.renderForResult(TeraLiterals.forJinjava(text), context);
        } catch (RenderBudget.Exhausted e) {
            throw tooCostly(file, e);
        } catch (OutOfMemoryError e) {
            // the limits above should stop a template long before this; say which one did it anyway
            throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(file), "",
                    "template error: rendering ran out of memory"));
        } finally {
            budget.remove();
        }
        List<Problem> problems = new ArrayList<>();
        for (TemplateError e : result.getErrors()) {
            // Jinjava wraps what a tag throws; the budget's own exception says what was spent
            for (Throwable c = e.getException(); c != null; c = c.getCause()) {
                if (c instanceof RenderBudget.Exhausted x) {
                    throw tooCostly(file, x);
                }
            }
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

    private static SpecException tooCostly(String file, RenderBudget.Exhausted e) {
        return new SpecException(new Problem(Problem.Severity.ERROR, new Location(file, Math.max(e.line(), 1), 1), "",
                "template error: rendering stopped: " + e.getMessage()));
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
