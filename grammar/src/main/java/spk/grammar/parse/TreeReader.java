package spk.grammar.parse;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import spk.grammar.InvalidSyntaxException;
import spk.grammar.antlr.SpkParser;
import spk.grammar.build.Build;
import spk.grammar.build.EmbeddedSource;
import spk.grammar.compat.Compat;
import spk.grammar.compat.CompatRule;
import spk.grammar.compat.CompatRuleSet;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.ident.RangeIdent;
import spk.grammar.name.PkgName;
import spk.grammar.range.CompatRange;
import spk.grammar.range.DoubleEqualsVersion;
import spk.grammar.range.DoubleNotEqualsVersion;
import spk.grammar.range.EqualsVersion;
import spk.grammar.range.GreaterThanOrEqualRange;
import spk.grammar.range.GreaterThanRange;
import spk.grammar.range.LessThanOrEqualRange;
import spk.grammar.range.LessThanRange;
import spk.grammar.range.LowestSpecifiedRange;
import spk.grammar.range.NotEqualsVersion;
import spk.grammar.range.SemverRange;
import spk.grammar.range.VersionFilter;
import spk.grammar.range.VersionRange;
import spk.grammar.range.WildcardRange;
import spk.grammar.version.Tag;
import spk.grammar.version.TagSet;
import spk.grammar.version.Version;

/**
 * Turns parse trees into values, applying the rules the grammar leaves to code (lower-case
 * names, distinct tags, compat letters, one wildcard, ...) with the column of each problem.
 */
final class TreeReader {
    private final String language;
    private final String whole;
    private final int offset;

    TreeReader(String language, String whole, int offset) {
        this.language = language;
        this.whole = whole;
        this.offset = offset;
    }

    private int column(Token t) {
        return offset + t.getCharPositionInLine() + 1;
    }

    private int column(ParserRuleContext c) {
        return column(c.getStart());
    }

    private InvalidSyntaxException error(int column, String problem) {
        return new InvalidSyntaxException(language, whole, column, problem);
    }

    // ------------------------------------------------------------------ versions

    Version version(SpkParser.VersionContext c) {
        List<TerminalNode> nums = c.versionBase().NUM();
        int[] parts = new int[nums.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = number(nums.get(i));
        }
        TagSet pre = c.pre == null ? TagSet.EMPTY : tagSet(c.pre);
        TagSet post = c.post == null ? TagSet.EMPTY : tagSet(c.post);
        return new Version(parts, pre, post);
    }

    private int number(TerminalNode n) {
        String text = n.getText();
        try {
            return Integer.parseUnsignedInt(text);
        } catch (NumberFormatException e) {
            throw error(column(n.getSymbol()), "number " + text + " is too large (at most 4294967295)");
        }
    }

    private TagSet tagSet(SpkParser.TagSetContext c) {
        List<Tag> tags = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (SpkParser.TagContext t : c.tag()) {
            String name = t.tagName().getText();
            if (!names.add(name)) {
                throw error(column(t), "duplicate tag '" + name + "'");
            }
            tags.add(new Tag(name, number(t.NUM())));
        }
        return TagSet.of(tags);
    }

    // ------------------------------------------------------------------ compat

    Compat compat(SpkParser.CompatContext c) {
        List<CompatRuleSet> parts = new ArrayList<>();
        for (SpkParser.CompatRuleSetContext r : c.compatRuleSet()) {
            parts.add(ruleSet(r));
        }
        Optional<CompatRuleSet> pre = Optional.empty();
        Optional<CompatRuleSet> post = Optional.empty();
        for (SpkParser.CompatTagRuleContext t : c.compatTagRule()) {
            if (t.DASH() != null) {
                pre = Optional.of(ruleSet(t.compatRuleSet()));
            } else {
                post = Optional.of(ruleSet(t.compatRuleSet()));
            }
        }
        return new Compat(parts, pre, post);
    }

    private CompatRuleSet ruleSet(SpkParser.CompatRuleSetContext r) {
        String letters = r.getText();
        EnumSet<CompatRule> rules = EnumSet.noneOf(CompatRule.class);
        for (int i = 0; i < letters.length(); i++) {
            CompatRule rule = CompatRule.ofLetter(letters.charAt(i));
            if (rule == null) {
                throw error(column(r) + i, "expected 'x', 'a' or 'b'");
            }
            rules.add(rule);
        }
        return new CompatRuleSet(rules);
    }

    // ------------------------------------------------------------------ ranges

    List<VersionRange> rangeRules(SpkParser.VersionRangeContext c) {
        List<VersionRange> rules = new ArrayList<>();
        for (SpkParser.RangeRuleContext r : c.rangeRule()) {
            rules.add(rangeRule(r));
        }
        return rules;
    }

    private VersionRange rangeRule(SpkParser.RangeRuleContext r) {
        if (r instanceof SpkParser.SemverRuleContext x) {
            return new SemverRange(version(x.version()));
        } else if (r instanceof SpkParser.TildeRuleContext x) {
            Version v = version(x.version());
            if (v.partCount() < 2) {
                throw error(column(x.version()), "'~' needs at least two version parts");
            }
            return new LowestSpecifiedRange(v);
        } else if (r instanceof SpkParser.GreaterOrEqualRuleContext x) {
            return new GreaterThanOrEqualRange(version(x.version()));
        } else if (r instanceof SpkParser.LessOrEqualRuleContext x) {
            return new LessThanOrEqualRange(version(x.version()));
        } else if (r instanceof SpkParser.GreaterRuleContext x) {
            return new GreaterThanRange(version(x.version()));
        } else if (r instanceof SpkParser.LessRuleContext x) {
            return new LessThanRange(version(x.version()));
        } else if (r instanceof SpkParser.DoubleEqualsRuleContext x) {
            return new DoubleEqualsVersion(version(x.version()));
        } else if (r instanceof SpkParser.EqualsRuleContext x) {
            return new EqualsVersion(version(x.version()));
        } else if (r instanceof SpkParser.DoubleNotEqualsRuleContext x) {
            return new DoubleNotEqualsVersion(version(x.version()));
        } else if (r instanceof SpkParser.NotEqualsRuleContext x) {
            return new NotEqualsVersion(version(x.version()));
        } else if (r instanceof SpkParser.CompatRangeRuleContext x) {
            CompatRule rule = CompatRule.ofRequestPrefix(x.ALPHA().getText());
            if (rule == null) {
                throw error(column(x), "expected 'API' or 'Binary' before ':'");
            }
            return new CompatRange(version(x.version()), Optional.of(rule));
        } else if (r instanceof SpkParser.WildcardRuleContext x) {
            return wildcard(x.wildcard());
        } else if (r instanceof SpkParser.PlainRuleContext x) {
            return CompatRange.plain(version(x.version()));
        }
        throw new IllegalStateException("unknown range rule " + r.getClass().getSimpleName());
    }

    private WildcardRange wildcard(SpkParser.WildcardContext w) {
        List<Integer> parts = new ArrayList<>();
        int star = -1;
        for (ParseTree child : w.children) {
            TerminalNode node = child instanceof TerminalNode t ? t
                    : (TerminalNode) ((SpkParser.WildcardPartContext) child).getChild(0);
            int type = node.getSymbol().getType();
            if (type == SpkParser.STAR) {
                if (star >= 0) {
                    throw error(column(node.getSymbol()), "only one '*' is allowed in a version range");
                }
                star = parts.size();
                parts.add(0);
            } else if (type == SpkParser.NUM) {
                parts.add(number(node));
            }
        }
        int[] values = parts.stream().mapToInt(Integer::intValue).toArray();
        return new WildcardRange(values, star);
    }

    // ------------------------------------------------------------------ names

    PkgName pkgName(SpkParser.PkgNameContext c) {
        return PkgName.parseWithin(language, whole, column(c) - 1, c.getText());
    }

    private SortedSet<Component> components(SpkParser.ComponentsContext c) {
        SortedSet<Component> out = new TreeSet<>();
        if (c == null) {
            return out;
        }
        for (SpkParser.ComponentContext comp : c.component()) {
            String name = comp.getText();
            PkgName.parseWithin(language, whole, column(comp) - 1, name);
            out.add(new Component(name));
        }
        return out;
    }

    // ------------------------------------------------------------------ builds

    Build build(SpkParser.BuildContext c) {
        String word = c.buildWord().getText();
        if (word.equals("embedded")) {
            if (c.embeddedIdent() == null) {
                return Build.Embedded.UNKNOWN;
            }
            return new Build.Embedded(Optional.of(embeddedSource(c.embeddedIdent())));
        }
        if (c.LBRACK() != null) {
            throw error(column(c.LBRACK().getSymbol()), "only an 'embedded' build can name its parent in brackets");
        }
        if (word.equals("src")) {
            return Build.SOURCE;
        }
        if (!Build.Digest.isDigest(word)) {
            throw error(column(c), "expected 'src', 'embedded' or an 8-character build digest of A-Z and 2-7");
        }
        return new Build.Digest(word);
    }

    private EmbeddedSource embeddedSource(SpkParser.EmbeddedIdentContext c) {
        return new EmbeddedSource(pkgName(c.pkgName()), components(c.components()),
                Optional.ofNullable(c.version()).map(this::version),
                Optional.ofNullable(c.build()).map(this::build), c.getText());
    }

    // ------------------------------------------------------------------ idents

    AnyIdent anyIdent(SpkParser.AnyIdentEntryContext c) {
        return new AnyIdent(pkgName(c.pkgName()), c.version() == null ? Version.ZERO : version(c.version()),
                Optional.ofNullable(c.build()).map(this::build));
    }

    BuildIdent buildIdent(SpkParser.BuildIdentEntryContext c) {
        return new BuildIdent(pkgName(c.pkgName()), version(c.version()), build(c.build()));
    }

    RangeIdent rangeIdent(SpkParser.RangeIdentContext c) {
        VersionFilter version = c.versionRange() == null ? VersionFilter.ANY
                : VersionFilter.simplified(rangeRules(c.versionRange()));
        return new RangeIdent(Optional.empty(), pkgName(c.pkgName()), components(c.components()), version,
                Optional.ofNullable(c.build()).map(this::build));
    }
}
