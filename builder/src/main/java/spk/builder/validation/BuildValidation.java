package spk.builder.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spfs.tracking.DirNode;
import spfs.tracking.Node;
import spk.builder.BuildChanges;
import spk.builder.EnvironmentFiles;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.spec.model.Inheritance;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.ValidationRule;
import spk.spec.model.ValidationRule.Kind;
import spk.spec.model.ValidationRule.Verb;

/**
 * The checks of SPK's build validation: before the script runs, on the package about to be built
 * and its build environment (license, recursive build, option descriptions, inherited
 * requirements); after it, on what the build installed (nothing at all, files of other packages
 * altered or collected, files no component collects). Each finding is decided by the rules; every
 * denied or unmet one is reported, with SPK's error code.
 */
public final class BuildValidation {
    static final int MAX_DESCRIPTION = 256;

    private final RuleSet rules;
    private final BuildIdent build;

    /** @param build the package being built, named in what is reported */
    public BuildValidation(RuleSet rules, BuildIdent build) {
        this.rules = rules;
        this.build = build;
    }

    /** Checks the package about to be built against its build environment; throws when a rule is broken. */
    /**
     * @param declared   the recipe's own build options
     * @param suppressed vars the recipe suppresses from its runtime requirements
     */
    public void checkSetup(PackageSpec spec, List<Opt> declared, Set<OptName> suppressed, List<PackageSpec> environment) {
        List<String> problems = new ArrayList<>();
        license(spec, problems);
        boolean recursive = environment.stream().anyMatch(p -> p.pkg().name().equals(spec.pkg().name()));
        Optional<Verb> v = rules.decide(Kind.RecursiveBuild, Optional.empty(), Optional.empty());
        if (v.equals(Optional.of(Verb.DENY)) && recursive) {
            problems.add("[recursive_build] " + spec.pkg().name() + " is in its own build environment (allow it with "
                    + "'- allow: RecursiveBuild' in build.validation.rules, or --allow-circular-dependencies)");
        } else if (v.equals(Optional.of(Verb.REQUIRE)) && !recursive) {
            problems.add("[recursive_build] " + spec.pkg().name() + " was required to be in its own build environment, "
                    + "but was not");
        }
        for (Opt o : declared) {
            if (o instanceof Opt.Var var) {
                descriptions(var, problems);
            }
        }
        inheritance(spec, environment, suppressed, problems);
        throwIf(problems);
    }

    /**
     * Checks what the build installed and how its components collected it.
     *
     * @param startupScripts whether the build also installs startup scripts (its environment), which count
     */
    public void checkOutput(BuildChanges changes, EnvironmentFiles env, Map<Component, DirNode> components,
            boolean startupScripts) {
        List<String> problems = new ArrayList<>();
        boolean empty = changes.changes().isEmpty() && !startupScripts;
        Optional<Verb> e = rules.decide(Kind.EmptyPackage, Optional.empty(), Optional.empty());
        if (e.equals(Optional.of(Verb.DENY)) && empty) {
            problems.add("[empty_package] the build of " + build + " installed no files under /spfs (its script must "
                    + "install into $PREFIX, which is /spfs; an empty package is allowed with '- allow: EmptyPackage')");
        } else if (e.equals(Optional.of(Verb.REQUIRE)) && !empty) {
            problems.add("[empty_package] the build was expected to install nothing, but did");
        }
        altered(changes, problems);
        collectedExisting(changes, env, problems);
        collectedAll(changes, components, problems);
        throwIf(problems);
    }

    private void license(PackageSpec spec, List<String> problems) {
        Optional<String> license = spec.meta().license();
        boolean valid = license.map(SpdxLicenses::isValid).orElse(true);
        Optional<Verb> v = rules.decide(Kind.SpdxLicense, Optional.empty(), Optional.empty());
        if (v.isEmpty()) {
            return;
        }
        if (v.get() == Verb.REQUIRE && license.isEmpty()) {
            problems.add("[spdx_license] meta.license: a valid SPDX license is required, nothing specified");
        } else if (v.get() != Verb.DENY && !valid) {
            problems.add("[spdx_license] meta.license: a valid SPDX license identifier is required, got '"
                    + license.get() + "' (see https://spdx.org/licenses/)");
        } else if (v.get() == Verb.DENY && license.isPresent() && valid) {
            problems.add("[spdx_license] meta.license: the package should not have a license specified");
        }
    }

    private void descriptions(Opt.Var var, List<String> problems) {
        Optional<Verb> strong = rules.decide(Kind.StrongInheritanceVarDescription, Optional.empty(), Optional.empty());
        if (strong.equals(Optional.of(Verb.REQUIRE)) && var.inheritance() != Inheritance.WEAK
                && var.description().isEmpty()) {
            problems.add("[strong_inheritance_var_description] build option " + var.var()
                    + ": a description is required for vars with " + var.inheritance() + " inheritance");
        }
        if (var.description().isEmpty()) {
            return;
        }
        int length = var.description().get().codePointCount(0, var.description().get().length());
        Optional<Verb> len = rules.decide(Kind.LongVarDescription, Optional.empty(), Optional.empty());
        if (len.equals(Optional.of(Verb.DENY)) && length > MAX_DESCRIPTION) {
            problems.add("[long_var_description] build option " + var.var() + ": the description is " + length
                    + " characters, over the limit of " + MAX_DESCRIPTION);
        } else if (len.equals(Optional.of(Verb.REQUIRE)) && length <= MAX_DESCRIPTION) {
            problems.add("[long_var_description] build option " + var.var() + ": a description over "
                    + MAX_DESCRIPTION + " characters is required");
        }
    }

    /** What a package in the build environment passes on (its non-Weak vars) must be in the new package. */
    private void inheritance(PackageSpec spec, List<PackageSpec> environment, Set<OptName> suppressed,
            List<String> problems) {
        for (PackageSpec p : environment) {
            Optional<Verb> v = rules.decide(Kind.InheritRequirements, Optional.empty(), Optional.of(p.pkg().name()));
            if (v.isEmpty() || v.get() == Verb.ALLOW) {
                continue;
            }
            for (Opt o : p.options()) {
                if (!(o instanceof Opt.Var var) || var.inheritance() == Inheritance.WEAK) {
                    continue;
                }
                OptName name = var.var().namespace().isPresent() ? var.var() : var.var().withNamespace(p.pkg().name());
                String value = var.staticValue().orElse(var.defaultValue());
                boolean hasOption = spec.options().stream().anyMatch(x -> x instanceof Opt.Var y && y.var().equals(name)
                        && y.staticValue().orElse("").equals(value));
                inherited(v.get(), hasOption, "build", name + "/" + value, p, problems);
                if (var.inheritsAtRuntime() && !suppressed.contains(var.var()) && !suppressed.contains(name)) {
                    boolean hasRequest = spec.install().requirements().stream().anyMatch(r -> isVar(r, name, value));
                    inherited(v.get(), hasRequest, "runtime", name + "/" + value, p, problems);
                }
            }
        }
    }

    private static void inherited(Verb v, boolean present, String what, String request, PackageSpec from,
            List<String> problems) {
        if (v == Verb.REQUIRE && !present) {
            problems.add("[inherited_requirement] the package must include a " + what + " requirement for " + request
                    + " because it is built against " + from.pkg());
        } else if (v == Verb.DENY && present) {
            problems.add("[inherited_requirement] the package was expected not to include a " + what
                    + " requirement for " + request);
        }
    }

    private static boolean isVar(Request r, OptName name, String value) {
        return r instanceof VarRequest v && v.var().base().equals(name.base())
                && (v.var().namespace().isEmpty() || v.var().namespace().equals(name.namespace())) && v.value().equals(value);
    }

    private void altered(BuildChanges changes, List<String> problems) {
        List<BuildChanges.Change> found = new ArrayList<>();
        for (BuildChanges.Change c : changes.changes()) {
            Optional<String> action = action(c);
            if (c.isDir() || c.owner().isEmpty() || action.isEmpty()) {
                continue;
            }
            found.add(c);
            Optional<PkgName> owner = c.owner().map(o -> o.name());
            if (rules.decide(Kind.AlterExistingFiles, action, owner).equals(Optional.of(Verb.DENY))) {
                problems.add("[alter_existing_files] the build must not alter files of other packages: "
                        + verb(action.get()) + " /spfs/" + c.path() + ", which is owned by " + c.owner().get());
            }
        }
        for (ValidationRule r : rules.requirements(Kind.AlterExistingFiles)) {
            List<PkgName> names = rules.names(r);
            boolean met = found.stream().anyMatch(c -> action(c).equals(r.action())
                    && (names.isEmpty() || names.contains(c.owner().get().name())));
            if (!met) {
                problems.add("[alter_existing_files] the build was expected to " + r.action().orElse("Change").toLowerCase()
                        + " files of " + (names.isEmpty() ? "any package" : names) + ", but didn't");
            }
        }
    }

    private static Optional<String> action(BuildChanges.Change c) {
        return switch (c.kind()) {
            case CHANGED -> Optional.of("Change");
            case REMOVED -> Optional.of("Remove");
            case TOUCHED -> Optional.of("Touch");
            case ADDED -> Optional.empty();
        };
    }

    private static String verb(String action) {
        return switch (action) {
            case "Remove" -> "removed";
            case "Touch" -> "touched";
            default -> "changed";
        };
    }

    private void collectedExisting(BuildChanges changes, EnvironmentFiles env, List<String> problems) {
        List<EnvironmentFiles.Owned> found = new ArrayList<>();
        for (BuildChanges.Change c : changes.changes()) {
            if (c.kind() == BuildChanges.Kind.REMOVED) {
                continue;
            }
            Optional<EnvironmentFiles.Owned> existing = env.get(c.path());
            if (existing.isEmpty() || existing.get().isDir()) {
                continue;
            }
            found.add(existing.get());
            if (rules.decide(Kind.CollectExistingFiles, Optional.empty(), Optional.of(existing.get().owner().name()))
                    .equals(Optional.of(Verb.DENY))) {
                problems.add("[collect_existing_files] the build must not collect files of other packages: /spfs/"
                        + c.path() + " is owned by " + existing.get().owner() + " (undo the change with "
                        + "'spfs reset /spfs/" + c.path() + "' at the end of the script)");
            }
        }
        for (ValidationRule r : rules.requirements(Kind.CollectExistingFiles)) {
            List<PkgName> names = rules.names(r);
            if (found.stream().noneMatch(o -> names.isEmpty() || names.contains(o.owner().name()))) {
                problems.add("[collect_existing_files] the build was expected to collect files of "
                        + (names.isEmpty() ? "any package" : names) + ", but didn't");
            }
        }
    }

    private void collectedAll(BuildChanges changes, Map<Component, DirNode> components, List<String> problems) {
        Set<String> collected = new HashSet<>();
        components.values().forEach(t -> paths(t, "", collected));
        List<String> left = new ArrayList<>();
        for (BuildChanges.Change c : changes.changes()) {
            if (!c.isDir() && !collected.contains(c.path())) {
                left.add(c.path());
            }
        }
        Optional<Verb> v = rules.decide(Kind.CollectAllFiles, Optional.empty(), Optional.empty());
        if (v.equals(Optional.of(Verb.DENY))) {
            for (String p : left) {
                problems.add("[collect_all_files] /spfs/" + p + " was installed but no component collects it "
                        + "(name it in a component's files, or '- allow: CollectAllFiles')");
            }
        } else if (v.equals(Optional.of(Verb.REQUIRE)) && left.isEmpty()) {
            problems.add("[collect_all_files] the build was expected to leave some files uncollected, but did not");
        }
    }

    private static void paths(DirNode dir, String prefix, Set<String> out) {
        for (Map.Entry<String, Node> e : dir.children().entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
            out.add(path);
            if (e.getValue() instanceof DirNode d) {
                paths(d, path, out);
            }
        }
    }

    private static void throwIf(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationFailed(problems.stream().map(p -> p.replaceFirst("^\\[([a-z_]+)\\]",
                    "spk::build::validation::$1:")).toList());
        }
    }
}
