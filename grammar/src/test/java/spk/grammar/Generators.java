package spk.grammar;

import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
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

    /** One to four parts, each 0 to 3, with optional pre and post tags. */
    static Gen<Version> versions() {
        return smallParts(4).zip(tagSets(), tagSets(), Version::new).describedAs(Version::toSerialized);
    }

    /** Mostly empty tag sets, sometimes one or two tags (never two of one name). */
    static Gen<TagSet> tagSets() {
        Gen<Tag> tag = Generate.pick(List.of("a", "r", "rc", "post1")).zip(Generate.range(0, 2), Tag::new);
        Gen<TagSet> some = lists().of(tag).ofSizeBetween(1, 2).map(l -> {
            Map<String, Tag> byName = new LinkedHashMap<>();
            l.forEach(t -> byName.putIfAbsent(t.name(), t));
            return TagSet.of(byName.values());
        });
        return Generate.frequency(Pair.of(3, Generate.constant(TagSet.EMPTY)), Pair.of(1, some));
    }

    /** Range text: one rule, or two joined by a comma. */
    static Gen<String> rangeTexts() {
        return Generate.oneOf(ruleTexts(), ruleTexts().zip(ruleTexts(), (a, b) -> a + "," + b));
    }

    static Gen<String> ruleTexts() {
        Gen<String> op = Generate.pick(List.of("", "API:", "Binary:", "=", "==", "!=", "!==", ">", ">=", "<", "<=",
                "~", "^"));
        Gen<String> rule = op.zip(versions(), (o, v) -> {
            if (o.equals("~") && v.partCount() < 2) {
                return "~" + v.toSerialized().replaceFirst("^(\\d+)", "$1.0");
            }
            return o + v.toSerialized();
        });
        return Generate.frequency(Pair.of(3, rule), Pair.of(1, wildcardTexts()));
    }

    static Gen<String> wildcardTexts() {
        return smallParts(3).flatMap(parts -> Generate.range(0, parts.length - 1).map(star -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                out.add(i == star ? "*" : Integer.toString(parts[i]));
            }
            return String.join(".", out);
        }));
    }

    static Gen<VersionRange> ranges() {
        return rangeTexts().map(VersionRange::parse);
    }

    static Gen<Compat> compats() {
        Gen<String> set = Generate.pick(List.of("x", "a", "b", "ab", "xa", "xb"));
        Gen<String> main = lists().of(set).ofSizeBetween(1, 4).map(l -> String.join(".", l));
        Gen<String> tail = Generate.pick(List.of("", "-x", "+x", "+b", "-a", "+ab", "-b+a"));
        return main.zip(tail, (m, t) -> Compat.parse(m + t));
    }

    /** One to {@code maxSize} version parts, each 0 to 3. */
    private static Gen<int[]> smallParts(int maxSize) {
        return Generate.intArrays(Generate.range(1, maxSize), Generate.range(0, 3));
    }
}
