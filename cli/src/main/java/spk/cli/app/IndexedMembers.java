package spk.cli.app;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.app.CommandIndex.Member;
import spk.cli.app.CommandIndex.MemberKind;

/**
 * A subcommand's options and positional parameters as the {@link CommandIndex} records them, and
 * back: picocli's model of them bound to the command's fields, made without reading an
 * annotation (each annotation type read makes the JVM generate a proxy class no class-data
 * archive holds: seven for {@code spfs run}). Only simple fields qualify: booleans, strings and
 * lists of strings, with no converter, default value, split or negation; anything else keeps
 * picocli's reflective model.
 */
final class IndexedMembers {
    private IndexedMembers() {}

    /**
     * The members of {@code spec}, picocli's reflective model of {@code type}, if the index can
     * rebuild all of them; read at build time, where annotations may be read.
     */
    static Optional<List<Member>> of(CommandSpec spec, Class<?> type) {
        if (spec.userObject() == null || spec.userObject().getClass() != type || !spec.subcommands().isEmpty()
                || !spec.mixins().isEmpty() || !spec.argGroups().isEmpty() || !spec.unmatchedArgsBindings().isEmpty()) {
            return Optional.empty();
        }
        List<Member> members = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                for (Annotation a : f.getAnnotations()) {
                    boolean known = a instanceof Option || a instanceof Parameters || a instanceof Spec;
                    if (!known && a.annotationType().getName().startsWith("picocli.")) {
                        return Optional.empty(); // a mixin, a parent command: not rebuilt here
                    }
                }
                Spec s = f.getAnnotation(Spec.class);
                if (s != null) {
                    if (s.value() != Spec.Target.SELF || f.getType() != CommandSpec.class) {
                        return Optional.empty();
                    }
                    members.add(new Member(MemberKind.SPEC, c.getName(), f.getName(), List.of(), "", "", List.of(), "",
                            false, false));
                }
            }
        }
        for (OptionSpec o : spec.options()) {
            if (o.inherited() || (o.usageHelp() && !(o.userObject() instanceof Field))) {
                continue; // the root's, added by picocli to every subcommand; -h, added by Cli to every one
            }
            if (o.usageHelp() || o.versionHelp() || o.help() || o.negatable() || !o.fallbackValue().isEmpty()) {
                return Optional.empty();
            }
            Optional<Member> m = member(MemberKind.OPTION, o, List.of(o.names()));
            if (m.isEmpty()) {
                return Optional.empty();
            }
            members.add(m.get());
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            String index = p.index().originalValue();
            Optional<Member> m = member(MemberKind.POSITIONAL, p, index == null || index.isEmpty() ? List.of() : List.of(index));
            if (m.isEmpty()) {
                return Optional.empty();
            }
            members.add(m.get());
        }
        return Optional.of(members);
    }

    private static Optional<Member> member(MemberKind kind, ArgSpec a, List<String> names) {
        if (!(a.userObject() instanceof Field f) || a.converters().length > 0 || a.defaultValue() != null
                || !a.splitRegex().isEmpty() || a.interactive() || a.scopeType() != picocli.CommandLine.ScopeType.LOCAL) {
            return Optional.empty();
        }
        String type;
        if (a.type() == boolean.class) {
            type = "boolean";
        } else if (a.type() == String.class) {
            type = String.class.getName();
        } else if (a.type() == List.class && a.auxiliaryTypes().length == 1 && a.auxiliaryTypes()[0] == String.class) {
            type = List.class.getName();
        } else {
            return Optional.empty();
        }
        // an arity the annotation left out stays out: picocli works it out from the type again
        String arity = a.arity().originalValue() == null ? "" : a.arity().originalValue();
        return Optional.of(new Member(kind, f.getDeclaringClass().getName(), f.getName(), names, arity,
                a.paramLabel(), List.of(a.description()), type, a.hidden(), a.required()));
    }

    /** Adds {@code members} to {@code spec}, bound to the fields of {@code command}. */
    static void bind(CommandSpec spec, Object command, List<Member> members) {
        for (Member m : members) {
            FieldBinding binding = new FieldBinding(command, field(m));
            switch (m.kind()) {
                case SPEC -> binding.set(spec);
                case OPTION -> spec.addOption(typed(OptionSpec.builder(m.names().toArray(new String[0])), m, binding).build());
                case POSITIONAL -> {
                    PositionalParamSpec.Builder b = PositionalParamSpec.builder();
                    if (!m.names().isEmpty()) {
                        b.index(m.names().get(0));
                    }
                    spec.addPositional(typed(b, m, binding).build());
                }
            }
        }
    }

    // twice, for options and for positional parameters: their common builder is not public in picocli
    private static OptionSpec.Builder typed(OptionSpec.Builder b, Member m, FieldBinding binding) {
        if (!m.arity().isEmpty()) {
            b.arity(m.arity());
        }
        return b.type(type(m)).auxiliaryTypes(auxiliaryTypes(m)).paramLabel(m.paramLabel())
                .description(m.description().toArray(new String[0])).hidden(m.hidden()).required(m.required())
                .initialValue(binding.get()).getter(binding).setter(binding);
    }

    private static PositionalParamSpec.Builder typed(PositionalParamSpec.Builder b, Member m, FieldBinding binding) {
        if (!m.arity().isEmpty()) {
            b.arity(m.arity());
        }
        return b.type(type(m)).auxiliaryTypes(auxiliaryTypes(m)).paramLabel(m.paramLabel())
                .description(m.description().toArray(new String[0])).hidden(m.hidden()).required(m.required())
                .initialValue(binding.get()).getter(binding).setter(binding);
    }

    private static Class<?> type(Member m) {
        return switch (m.type()) {
            case "boolean" -> boolean.class;
            case "java.util.List" -> List.class;
            default -> String.class;
        };
    }

    private static Class<?>[] auxiliaryTypes(Member m) {
        return new Class<?>[] {m.type().equals("boolean") ? boolean.class : String.class};
    }

    private static Field field(Member m) {
        try {
            Field f = Class.forName(m.declaringClass()).getDeclaredField(m.field());
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the command index names a missing field: " + m.declaringClass() + "." + m.field(), e);
        }
    }

    /** A field of one command object, read and written as picocli's own field binding does. */
    private static final class FieldBinding implements IGetter, ISetter {
        private final Object target;
        private final Field field;

        FieldBinding(Object target, Field field) {
            this.target = target;
            this.field = field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            try {
                return (T) field.get(target);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public <T> T set(T value) {
            T old = get();
            try {
                field.set(target, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return old;
        }
    }
}
