package spk.grammar;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import spk.grammar.compat.Compat;
import spk.grammar.range.VersionRange;
import spk.grammar.version.Tag;
import spk.grammar.version.TagSet;
import spk.grammar.version.Version;

/**
 * Random grammar values drawn from small pools, so that equal parts, shared tags and bounds
 * that touch are common.
 */
final class Generators {
    private Generators() {}

    static Arbitrary<Version> versions() {
        Arbitrary<int[]> parts = Arbitraries.integers().between(0, 3).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(parts, tagSets(), tagSets()).as(Version::new);
    }

    /** Mostly empty tag sets, sometimes one or two tags. */
    static Arbitrary<TagSet> tagSets() {
        Arbitrary<Tag> tag = Combinators.combine(Arbitraries.of("a", "r", "rc", "post1"),
                Arbitraries.integers().between(0, 2)).as(Tag::new);
        Arbitrary<TagSet> some = tag.list().ofMinSize(1).ofMaxSize(2).uniqueElements(Tag::name).map(TagSet::of);
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(TagSet.EMPTY)), Tuple.of(1, some));
    }

    /** Range text: one rule, or two joined by a comma. */
    static Arbitrary<String> rangeTexts() {
        return Arbitraries.oneOf(ruleTexts(), Combinators.combine(ruleTexts(), ruleTexts()).as((a, b) -> a + "," + b));
    }

    static Arbitrary<String> ruleTexts() {
        Arbitrary<String> op = Arbitraries.of("", "API:", "Binary:", "=", "==", "!=", "!==", ">", ">=", "<", "<=",
                "~", "^");
        Arbitrary<String> rule = Combinators.combine(op, versions()).as((o, v) -> {
            if (o.equals("~") && v.partCount() < 2) {
                return "~" + v.toSerialized().replaceFirst("^(\\d+)", "$1.0");
            }
            return o + v.toSerialized();
        });
        return Arbitraries.oneOf(rule, rule, rule, wildcardTexts());
    }

    static Arbitrary<String> wildcardTexts() {
        return Arbitraries.integers().between(0, 3).array(int[].class).ofMinSize(1).ofMaxSize(3)
                .flatMap(parts -> Arbitraries.integers().between(0, parts.length - 1).map(star -> {
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < parts.length; i++) {
                        out.add(i == star ? "*" : Integer.toString(parts[i]));
                    }
                    return String.join(".", out);
                }));
    }

    static Arbitrary<VersionRange> ranges() {
        return rangeTexts().map(VersionRange::parse);
    }

    static Arbitrary<Compat> compats() {
        Arbitrary<String> set = Arbitraries.of("x", "a", "b", "ab", "xa", "xb");
        Arbitrary<String> main = set.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
        Arbitrary<String> tail = Arbitraries.of("", "-x", "+x", "+b", "-a", "+ab", "-b+a");
        return Combinators.combine(main, tail).as((m, t) -> Compat.parse(m + t));
    }
}
