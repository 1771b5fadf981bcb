package spk.spec.template;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spk.error.SpkException;
import spk.grammar.name.OptName;
import spk.grammar.range.VersionRange;
import spk.grammar.version.Tag;
import spk.grammar.version.Version;

/** SPK's template filters. */
final class SpkFilters {
    private SpkFilters() {}

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    /** {@code opt | default_opts(name=value, ...)}: fills in options that were not given. */
    static final class DefaultOpts implements AdvancedFilter {
        @Override
        public String getName() {
            return "default_opts";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (var instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.put(text(k), v));
            }
            for (Map.Entry<String, Object> e : kwargs.entrySet()) {
                try {
                    OptName.parse(e.getKey());
                } catch (SpkException ex) {
                    throw new InterpretException("default_opts: " + ex.getMessage());
                }
                out.putIfAbsent(e.getKey(), text(e.getValue()));
            }
            return out;
        }
    }

    /** {@code version | compare_version(op=">=3")} or {@code (op=">=", rhs=3)}: a range test. */
    static final class CompareVersion implements AdvancedFilter {
        @Override
        public String getName() {
            return "compare_version";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object op = kwargs.containsKey("op") ? kwargs.get("op") : args.length > 0 ? args[0] : null;
            Object rhs = kwargs.containsKey("rhs") ? kwargs.get("rhs") : args.length > 1 ? args[1] : null;
            if (op == null) {
                throw new InterpretException("compare_version needs op, e.g. compare_version(op=\">=3\")");
            }
            try {
                VersionRange range = VersionRange.parse(text(op) + (rhs == null ? "" : text(rhs)));
                return range.contains(Version.parse(text(var)));
            } catch (SpkException e) {
                throw new InterpretException("compare_version: " + e.getMessage());
            }
        }
    }

    /** {@code version | parse_version} or {@code parse_version(field="minor")}. */
    static final class ParseVersion implements AdvancedFilter {
        @Override
        public String getName() {
            return "parse_version";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Version v;
            try {
                v = Version.parse(text(var));
            } catch (SpkException e) {
                throw new InterpretException("parse_version: " + e.getMessage());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("base", v.base().toString());
            out.put("major", Integer.toUnsignedLong(v.major()));
            out.put("minor", Integer.toUnsignedLong(v.minor()));
            out.put("patch", Integer.toUnsignedLong(v.patch()));
            List<Long> parts = new ArrayList<>();
            for (int p : v.parts()) {
                parts.add(Integer.toUnsignedLong(p));
            }
            out.put("parts", parts);
            out.put("pre", tags(v.pre().tags()));
            out.put("post", tags(v.post().tags()));
            Object field = kwargs.containsKey("field") ? kwargs.get("field") : args.length > 0 ? args[0] : null;
            if (field == null) {
                return out;
            }
            Object selected = out;
            for (String step : text(field).split("\\.")) {
                if (!(selected instanceof Map<?, ?> m) || !m.containsKey(step)) {
                    throw new InterpretException("parse_version: no field '" + field + "'");
                }
                selected = m.get(step);
            }
            return selected;
        }

        private static Map<String, Object> tags(List<Tag> tags) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Tag t : tags) {
                m.put(t.name(), Integer.toUnsignedLong(t.number()));
            }
            return m;
        }
    }

    /** {@code text | replace_regex(from="(\d+)\.(\d+).*", to="$1.$2")}. */
    static final class ReplaceRegex implements AdvancedFilter {
        @Override
        public String getName() {
            return "replace_regex";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object from = kwargs.containsKey("from") ? kwargs.get("from") : args.length > 0 ? args[0] : null;
            Object to = kwargs.containsKey("to") ? kwargs.get("to") : args.length > 1 ? args[1] : null;
            if (from == null || to == null) {
                throw new InterpretException("replace_regex needs from and to");
            }
            try {
                return text(var).replaceAll(text(from), text(to));
            } catch (RuntimeException e) {
                throw new InterpretException("replace_regex: " + e.getMessage());
            }
        }
    }
}
