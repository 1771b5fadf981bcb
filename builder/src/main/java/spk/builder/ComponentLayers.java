package spk.builder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import spfs.encoding.Digest;
import spfs.error.IoMessages;
import spfs.graph.Blob;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.ObjectFormat;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.storage.fs.FsRepository;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.Manifests;
import spfs.tracking.Node;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.spec.model.EnvOp;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;

/**
 * Writes a build's layers, one per component: the files the component collected, plus what
 * every component carries: the package's startup scripts (whichever component an environment
 * uses sets it up) and SPK's metadata of the build under {@code /spfs/spk/pkg/NAME/VERSION/BUILD/}
 * ({@code spec.yaml}, {@code options.json}, {@code build.sh} and a {@code COMPONENT.cmpt} marker),
 * so a runtime shows what it holds.
 */
final class ComponentLayers {
    private final FsRepository spfs;
    private final ObjectFormat format;
    private final PackageSpec spec;
    private final Map<String, FileNode> shared = new LinkedHashMap<>();

    ComponentLayers(FsRepository spfs, ObjectFormat format, PackageSpec spec, String specYaml, String buildScript) {
        this.spfs = spfs;
        this.format = format;
        this.spec = spec;
        List<EnvOp> ops = spec.install().environment();
        if (ops.stream().anyMatch(op -> !(op instanceof EnvOp.Priority))) {
            String base = "etc/spfs/startup.d/" + EnvironmentScripts.baseName(spec.pkg().name().value(), ops);
            shared.put(base + ".sh", blob(EnvironmentScripts.sh(ops)));
            shared.put(base + ".csh", blob(EnvironmentScripts.csh(ops)));
        }
        String meta = metadataDir(spec.pkg());
        shared.put(meta + "spec.yaml", blob(specYaml));
        shared.put(meta + "options.json", blob(optionsJson(spec)));
        shared.put(meta + "build.sh", blob(buildScript));
    }

    /** Whether the package installs startup scripts (its environment), which count as installed files. */
    boolean hasStartupScripts() {
        return shared.keySet().stream().anyMatch(p -> p.startsWith("etc/"));
    }

    /** Writes a layer per component (manifests and layers into the repository); returns them by component. */
    Map<Component, Digest> write(Map<Component, DirNode> split) {
        FileNode marker = blob("");
        Map<Component, Digest> out = new LinkedHashMap<>();
        split.forEach((c, files) -> {
            DirNode tree = withFile(files, (metadataDir(spec.pkg()) + c + ".cmpt").split("/"), 0, marker);
            for (Map.Entry<String, FileNode> e : shared.entrySet()) {
                tree = withFile(tree, e.getKey().split("/"), 0, e.getValue());
            }
            Manifest m = Manifests.toManifest(tree, format);
            spfs.writeObject(m);
            Layer l = new Layer(Optional.of(m.digest()), List.of(), format);
            spfs.writeObject(l);
            out.put(c, l.digest());
        });
        return out;
    }

    /** Where a build's metadata lives under /spfs (without the leading slash, with the trailing one). */
    static String metadataDir(BuildIdent id) {
        return "spk/pkg/" + id.name().value() + "/" + id.version() + "/" + id.build() + "/";
    }

    /** The build's option values as a JSON object, names sorted. */
    static String optionsJson(PackageSpec spec) {
        TreeMap<String, String> values = new TreeMap<>();
        for (Opt o : spec.options()) {
            values.put(o.fullName().value(), o.staticValue().orElse(""));
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BinaryBuilder.BuildFailed("cannot write the options of " + spec.pkg() + ": " + IoMessages.describe(e));
        }
    }

    private FileNode blob(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        PayloadWrite w;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            w = spfs.writePayload(in, 0100644);
        } catch (IOException e) {
            throw new BinaryBuilder.BuildFailed("cannot write a file of the build: " + IoMessages.describe(e));
        }
        spfs.writeObject(new Blob(w.digest(), w.size(), format));
        return new FileNode(0100644, w.size(), w.digest());
    }

    /** {@code dir} with a file at {@code path[i...]}, folders made as needed. */
    private static DirNode withFile(DirNode dir, String[] path, int i, FileNode file) {
        TreeMap<String, Node> children = new TreeMap<>(dir.children());
        if (i == path.length - 1) {
            children.put(path[i], file);
        } else {
            Node sub = children.get(path[i]);
            DirNode d = sub instanceof DirNode existing ? existing : new DirNode(040755, Map.of());
            children.put(path[i], withFile(d, path, i + 1, file));
        }
        return new DirNode(dir.mode(), children);
    }
}
