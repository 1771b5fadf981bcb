package spfs.mount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The overlayfs option string of a runtime, as spfs builds it: {@code index=off} and
 * {@code metacopy=off} when the module knows them, {@code redirect_dir}, the lower directories
 * top first, then upper and work. In a user namespace (rootless) the kernel needs
 * {@code userxattr} and refuses {@code redirect_dir=follow}, so that mode uses {@code nofollow}.
 */
public record OverlayOptions(Set<String> moduleParameters, boolean rootless) {
    /** mount(2) copies at most one page of options; longer strings need fewer lower directories. */
    public static final int MAX_LENGTH = 4095;

    public OverlayOptions {
        moduleParameters = Set.copyOf(moduleParameters);
    }

    /**
     * Reads the overlay module's parameters from /sys/module/overlay/parameters (present whether
     * the module is loaded or built in; spfs runs modinfo, which needs kmod and /lib/modules).
     */
    public static OverlayOptions detect(boolean rootless) {
        Path dir = Path.of("/sys/module/overlay/parameters");
        Set<String> params = Set.of();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                params = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            } catch (IOException e) {
                params = Set.of();
            }
        }
        return new OverlayOptions(params, rootless);
    }

    /** The data string for mount(2); read-only is the MS_RDONLY flag, not an option here. */
    public String build(List<Path> lowerTopFirst, Path upper, Path work) {
        List<String> opts = new ArrayList<>();
        if (rootless) {
            opts.add("userxattr");
        }
        if (rootless || moduleParameters.contains("index")) {
            opts.add("index=off");
        }
        if (rootless || moduleParameters.contains("metacopy")) {
            opts.add("metacopy=off");
        }
        opts.add(rootless ? "redirect_dir=nofollow" : "redirect_dir=follow");
        opts.add("lowerdir=" + lowerTopFirst.stream().map(p -> escape(p.toString())).collect(Collectors.joining(":")));
        if (upper != null) {
            opts.add("upperdir=" + escape(upper.toString()));
            opts.add("workdir=" + escape(work.toString()));
        }
        return String.join(",", opts);
    }

    /** overlayfs splits lowerdir on ':' and the option string on ','; both must be escaped. */
    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace(":", "\\:").replace(",", "\\,");
    }

    /** The prefix of extended attributes overlayfs keeps its markers in. */
    public String xattrPrefix() {
        return rootless ? "user.overlay." : "trusted.overlay.";
    }
}
