package spk.solver.repository;

import java.util.List;
import spk.spec.model.SpecFile;
import spk.spec.problem.Location;
import spk.spec.problem.Problems;

/** A spec a repository has found but not read yet: YAML text, or an entry of the repository's index. */
public interface PendingSpec {
    /** Reads the specs; problems name the file, line and field. */
    List<SpecFile> read(Problems problems);

    /** Where the spec is, for messages about its name or version. */
    Location location();
}
