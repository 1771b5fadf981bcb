package spk.spec.model;

import java.util.List;
import spk.grammar.request.Request;

/** A package's {@code install} section. */
public record InstallSpec(List<Request> requirements, List<EnvOp> environment, List<ComponentSpec> components,
        List<EmbeddedPackageSpec> embedded) {
    public InstallSpec {
        requirements = List.copyOf(requirements);
        environment = List.copyOf(environment);
        components = List.copyOf(components);
        embedded = List.copyOf(embedded);
    }

    public InstallSpec withRequirements(List<Request> r) {
        return new InstallSpec(r, environment, components, embedded);
    }

    public InstallSpec withEnvironment(List<EnvOp> e) {
        return new InstallSpec(requirements, e, components, embedded);
    }
}
