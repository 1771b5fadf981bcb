package spk.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import spfs.encoding.Digest;
import spfs.render.RenderStrategy;
import spfs.render.RenderSummary;
import spfs.render.Renderer;
import spfs.runtime.StackLayers;
import spfs.storage.fs.FsRepository;
import spk.error.SpkException;
import spk.solver.Solution;
import spk.solver.repository.PackageRepository;

/**
 * SPK's {@code spk render}: what a solution's {@code /spfs} would hold, written out as plain
 * copies into an empty folder (made if missing), for use without spfs.
 */
public final class SolutionRender {
    private SolutionRender() {}

    /** Renders the solution's layers (copied into {@code local} first when they live elsewhere) into {@code target}. */
    public static RenderSummary render(Solution solution, List<PackageRepository> repos, FsRepository local, Path target,
            int workers, boolean sharePayloads) {
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new NotEmpty(target + " is not a folder");
                }
                try (var s = Files.list(target)) {
                    if (s.findAny().isPresent()) {
                        throw new NotEmpty(target + " is not empty: render writes into an empty folder");
                    }
                }
            }
        } catch (IOException e) {
            throw new NotEmpty("cannot read " + target + ": " + e.getMessage());
        }
        List<Digest> layers = SolutionLayers.of(solution, repos, local);
        var tree = StackLayers.mergedTree(local, StackLayers.manifests(local, layers));
        return new Renderer(local, RenderStrategy.COPY, workers, sharePayloads).renderInto(tree, target, false);
    }

    /** The folder to render into is not an empty folder. */
    public static final class NotEmpty extends SpkException {
        private static final long serialVersionUID = 1L;

        NotEmpty(String message) {
            super("not-empty", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
