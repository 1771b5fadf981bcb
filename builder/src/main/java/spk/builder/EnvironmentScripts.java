package spk.builder;

import java.util.List;
import spk.spec.model.EnvOp;

/**
 * A package's {@code install.environment} as the startup scripts a build writes into
 * {@code /spfs/etc/spfs/startup.d} ({@code [NN_]spk_NAME.sh} and {@code .csh}), which every
 * runtime holding the package runs first.
 */
public final class EnvironmentScripts {
    private EnvironmentScripts() {}

    /** The file name without extension: {@code spk_NAME}, prefixed {@code NN_} when a priority is set. */
    public static String baseName(String pkg, List<EnvOp> ops) {
        for (EnvOp op : ops) {
            if (op instanceof EnvOp.Priority p) {
                return String.format("%02d_spk_%s", p.priority(), pkg);
            }
        }
        return "spk_" + pkg;
    }

    public static String sh(List<EnvOp> ops) {
        StringBuilder out = new StringBuilder();
        for (EnvOp op : ops) {
            if (op instanceof EnvOp.Comment c) {
                out.append("# ").append(c.comment()).append('\n');
            } else if (op instanceof EnvOp.Set s) {
                out.append("export ").append(s.set()).append("=\"").append(quoted(s.value())).append("\"\n");
            } else if (op instanceof EnvOp.Append a) {
                out.append("export ").append(a.append()).append("=\"${").append(a.append()).append(":+${").append(a.append())
                        .append("}").append(quoted(a.separator())).append("}").append(quoted(a.value())).append("\"\n");
            } else if (op instanceof EnvOp.Prepend p) {
                out.append("export ").append(p.prepend()).append("=\"").append(quoted(p.value())).append("${")
                        .append(p.prepend()).append(":+").append(quoted(p.separator())).append("${").append(p.prepend())
                        .append("}}\"\n");
            }
        }
        return out.toString();
    }

    public static String csh(List<EnvOp> ops) {
        StringBuilder out = new StringBuilder();
        for (EnvOp op : ops) {
            if (op instanceof EnvOp.Comment c) {
                out.append("# ").append(c.comment()).append('\n');
            } else if (op instanceof EnvOp.Set s) {
                out.append("setenv ").append(s.set()).append(" \"").append(cshQuoted(s.value())).append("\"\n");
            } else if (op instanceof EnvOp.Append a) {
                out.append(existing(a.append(), "${" + a.append() + "}" + cshQuoted(a.separator()) + cshQuoted(a.value()),
                        cshQuoted(a.value())));
            } else if (op instanceof EnvOp.Prepend p) {
                out.append(existing(p.prepend(), cshQuoted(p.value()) + cshQuoted(p.separator()) + "${" + p.prepend() + "}",
                        cshQuoted(p.value())));
            }
        }
        return out.toString();
    }

    private static String existing(String name, String withOld, String alone) {
        return "if ( $?" + name + " ) then\n    setenv " + name + " \"" + withOld + "\"\nelse\n    setenv " + name + " \""
                + alone + "\"\nendif\n";
    }

    /** Inside csh's double quotes a backslash is literal: a double quote closes, is escaped, reopens. */
    private static String cshQuoted(String value) {
        return value.replace("\"", "\"\\\"\"");
    }

    /** Inside sh's double quotes: a backslash and a double quote stand for themselves. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
