package spk.spec.model;

/** What a spec file holds, decided by its {@code api} key. */
public sealed interface SpecFile permits Recipe, PackageSpec, Platform, RequirementsFile {}
