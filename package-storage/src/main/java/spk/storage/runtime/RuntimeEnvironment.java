package spk.storage.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import spfs.encoding.Digest;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.SpfsObject;
import spfs.runtime.StackLayers;
import spfs.storage.Repository;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.Layering;
import spfs.tracking.Manifests;
import spfs.tracking.Node;
import spk.error.SpkException;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.option.OptionMap;
import spk.spec.SpecLoader;
import spk.spec.model.PackageSpec;

/**
 * The SPK packages in a runtime, read as SPK's runtime repository reads {@code /spfs/spk/pkg}:
 * each build layer holds {@code spk/pkg/NAME/VERSION/BUILD/spec.yaml} and an empty
 * {@code COMPONENT.cmpt} per component, and the layer of the stack that holds a component's
 * marker is that component's layer. Read from the runtime's stack in the repository, so it is the
 * same inside the runtime and out.
 */
public final class RuntimeEnvironment {
    private static final String PKG_DIR = "spk/pkg";

    /** A package of the runtime and the layer of each of its components there. */
    public record InstalledPackage(PackageSpec spec, SortedMap<Component, Digest> layers) {
        public InstalledPackage {
            layers = new TreeMap<>(layers);
        }
    }

    /** A layer of the stack that holds a path, top first, and the package that layer belongs to. */
    public record Provider(Digest layer, Optional<InstalledPackage> pkg, SortedMap<Component, Digest> components,
            spfs.tracking.Node entry) {}

    private final Repository repo;
    private final List<Digest> layersBottomUp;
    private final Map<Digest, DirNode> trees = new LinkedHashMap<>();
    private final List<InstalledPackage> packages;

    private RuntimeEnvironment(Repository repo, List<Digest> layersBottomUp, SpecLoader loader) {
        this.repo = repo;
        this.layersBottomUp = List.copyOf(layersBottomUp);
        for (Digest d : layersBottomUp) {
            trees.put(d, tree(d));
        }
        this.packages = readPackages(loader);
    }

    /** The packages of the runtime whose stack is {@code stack} (platforms expanded), as stored in {@code repo}. */
    public static RuntimeEnvironment of(Repository repo, List<Digest> stack, SpecLoader loader) {
        return new RuntimeEnvironment(repo, StackLayers.layers(repo, stack), loader);
    }

    /** The layers of the stack, top first (as SPK shows a runtime). */
    public List<Digest> layersTopDown() {
        List<Digest> out = new ArrayList<>(layersBottomUp);
        java.util.Collections.reverse(out);
        return out;
    }

    /** The packages, by name then version then build. */
    public List<InstalledPackage> packages() {
        return packages;
    }

    /** The package a layer holds a component of, with those components. */
    public Optional<InstalledPackage> packageOf(Digest layer) {
        return packages.stream().filter(p -> p.layers().containsValue(layer)).findFirst();
    }

    /** The components of {@code pkg} whose layer is {@code layer}. */
    public static SortedMap<Component, Digest> componentsIn(InstalledPackage pkg, Digest layer) {
        SortedMap<Component, Digest> out = new TreeMap<>();
        pkg.layers().forEach((c, d) -> {
            if (d.equals(layer)) {
                out.put(c, d);
            }
        });
        return out;
    }

    /** Every layer that holds {@code path} (relative to /spfs, or starting with it), top first. */
    public List<Provider> providers(String path) {
        List<Provider> out = new ArrayList<>();
        for (Digest d : layersTopDown()) {
            Optional<Node> n = Layering.lookup(trees.get(d), path);
            if (n.isPresent()) {
                Optional<InstalledPackage> p = packageOf(d);
                out.add(new Provider(d, p, p.map(x -> componentsIn(x, d)).orElseGet(TreeMap::new), n.get()));
            }
        }
        return out;
    }

    private DirNode tree(Digest layer) {
        SpfsObject o = repo.readObject(layer);
        if (o instanceof Layer l) {
            return l.manifest().map(m -> Manifests.toTree((Manifest) repo.readObject(m))).orElseGet(DirNode::emptyRoot);
        }
        return o instanceof Manifest m ? Manifests.toTree(m) : DirNode.emptyRoot();
    }

    private List<InstalledPackage> readPackages(SpecLoader loader) {
        // the topmost layer holding a build's file wins, as in the mounted /spfs
        Map<String, FileNode> specs = new TreeMap<>();
        Map<String, SortedMap<Component, Digest>> components = new TreeMap<>();
        for (Digest d : layersBottomUp) {
            Optional<Node> pkgDir = Layering.lookup(trees.get(d), PKG_DIR);
            if (pkgDir.isEmpty() || !(pkgDir.get() instanceof DirNode names)) {
                continue;
            }
            names.children().forEach((name, vs) -> dirs(vs).forEach((version, bs) -> dirs(bs).forEach((build, files) -> {
                String key = name + "/" + version + "/" + build;
                files.children().forEach((file, node) -> {
                    if (file.equals("spec.yaml") && node instanceof FileNode f) {
                        specs.put(key, f);
                    } else if (file.endsWith(".cmpt") && node instanceof FileNode) {
                        components.computeIfAbsent(key, k -> new TreeMap<>())
                                .put(Component.parse(file.substring(0, file.length() - ".cmpt".length())), d);
                    }
                });
            })));
        }
        List<InstalledPackage> out = new ArrayList<>();
        specs.forEach((key, file) -> {
            if (loader.loadText("/spfs/" + PKG_DIR + "/" + key + "/spec.yaml", read(file, key), OptionMap.EMPTY)
                    .spec() instanceof PackageSpec spec) {
                out.add(new InstalledPackage(spec, components.getOrDefault(key, new TreeMap<>())));
            }
        });
        out.sort(java.util.Comparator.comparing((InstalledPackage p) -> p.spec().pkg().name().value())
                .thenComparing(p -> p.spec().pkg().version()).thenComparing(p -> p.spec().pkg().build().toString()));
        return List.copyOf(out);
    }

    private static Map<String, DirNode> dirs(Node n) {
        Map<String, DirNode> out = new TreeMap<>();
        if (n instanceof DirNode d) {
            d.children().forEach((k, v) -> {
                if (v instanceof DirNode sub) {
                    out.put(k, sub);
                }
            });
        }
        return out;
    }

    private String read(FileNode file, String key) {
        try (InputStream in = repo.openPayload(file.object())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unreadable("cannot read the spec of " + key + " in the runtime: " + e.getMessage());
        }
    }

    /** The exact request that keeps {@code pkg} as it is, with its components, as SPK re-requests the current environment. */
    public static String pinned(InstalledPackage pkg) {
        BuildIdent id = pkg.spec().pkg();
        String comps = pkg.layers().isEmpty() ? ""
                : ":{" + String.join(",", pkg.layers().keySet().stream().map(Component::toString).toList()) + "}";
        return id.name().value() + comps + "/=" + id.version().toSerialized() + "/" + id.build();
    }

    /** A spec in the runtime that cannot be read. */
    public static final class Unreadable extends SpkException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super("unreadable-runtime", message);
        }

        @Override
        public Kind kind() {
            return Kind.ENVIRONMENT;
        }
    }
}
