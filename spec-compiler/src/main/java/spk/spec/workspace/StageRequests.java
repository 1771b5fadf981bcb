package spk.spec.workspace;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spk.error.SpkException;
import spk.grammar.ident.RangeIdent;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.spec.model.Recipe;
import spk.spec.variant.BuildRequirements;
import spk.spec.variant.HostOptions;
import spk.spec.variant.ResolvedVariant;
import spk.spec.variant.Variants;

/**
 * SPK's stage requests, {@code PKG@STAGE[?v=N]}: what a recipe needs at one of its test stages.
 * {@code @sources} (or {@code @source}) is its source package, {@code @build} the requests of its
 * build environment (for variant N, or for the options alone), {@code @install} the exact version.
 */
public final class StageRequests {
    private StageRequests() {}

    /** The stages, as SPK spells them. */
    public enum Stage { SOURCES, BUILD, INSTALL }

    /** A parsed {@code PKG@STAGE[?v=N]}. */
    public record StageRequest(String pkg, Stage stage, OptionalInt variant) {}

    private static final Pattern FORM = Pattern.compile("(.+)@([^@?]+)(?:\\?v=(\\d+))?");

    /** Whether {@code text} is a stage request rather than a plain one (which never holds '@'). */
    public static boolean isStageRequest(String text) {
        return !text.strip().startsWith("{") && text.contains("@");
    }

    public static StageRequest parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new BadStage("'" + text + "' is not PKG@STAGE or PKG@STAGE?v=N (a recipe file, NAME or NAME/VERSION, "
                    + "then @sources, @build or @install)");
        }
        Stage stage = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "source", "sources" -> Stage.SOURCES;
            case "build" -> Stage.BUILD;
            case "install" -> Stage.INSTALL;
            default -> throw new BadStage("'" + text + "': unknown stage '" + m.group(2) + "' (sources, build or install)");
        };
        OptionalInt variant = m.group(3) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(3)));
        if (variant.isPresent() && stage != Stage.BUILD) {
            throw new BadStage("'" + text + "': only the build stage takes a variant (?v=N)");
        }
        return new StageRequest(m.group(1), stage, variant);
    }

    /** The requests of {@code recipe} at the stage. */
    public static List<Request> of(Recipe recipe, StageRequest r, OptionMap options, HostOptions host) {
        String exact = recipe.pkg().name().value() + "%s/=" + recipe.pkg().version().toSerialized();
        return switch (r.stage()) {
            case SOURCES -> List.of(PkgRequest.of(RangeIdent.parse(String.format(exact, ":src") + "/src")));
            case INSTALL -> List.of(PkgRequest.of(RangeIdent.parse(String.format(exact, ""))));
            case BUILD -> {
                ResolvedVariant variant = new ResolvedVariant(OptionMap.EMPTY, List.of());
                if (r.variant().isPresent()) {
                    List<ResolvedVariant> all = Variants.of(recipe, options);
                    if (r.variant().getAsInt() >= all.size()) {
                        throw new BadStage(r.pkg() + "@build?v=" + r.variant().getAsInt() + ": " + recipe.pkg() + " has "
                                + all.size() + " variant(s), numbered from 0");
                    }
                    variant = all.get(r.variant().getAsInt());
                }
                // a variant's additional requirements are among its build options already
                yield BuildRequirements.of(recipe, variant, options, host);
            }
        };
    }

    /** A stage request that cannot be read. */
    public static final class BadStage extends SpkException {
        private static final long serialVersionUID = 1L;

        BadStage(String message) {
            super("bad-stage-request", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
