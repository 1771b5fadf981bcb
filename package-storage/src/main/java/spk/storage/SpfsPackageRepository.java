package spk.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import spfs.error.IoMessages;
import spfs.encoding.Digest;
import spfs.error.UnknownReferenceException;
import spfs.graph.Blob;
import spfs.graph.ObjectFormat;
import spfs.storage.Repository;
import spfs.storage.TagDatabase.TagListing;
import spfs.storage.WriteSession;
import spfs.storage.fs.FsRepository;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spfs.tag.TimeSpec;
import spk.error.SpkException;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.version.Version;
import spk.solver.repository.PackageRepository;
import spk.spec.SpecLoader;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.model.SpecFile;

/**
 * SPK packages stored in an spfs repository, in SPK's own layout (its spk-storage crate;
 * docs/spk-build-and-env.md): each spec is a blob tagged {@code spk/spec/NAME/VERSION[/BUILD]},
 * and each published component of a build is a layer tagged
 * {@code spk/pkg/NAME/VERSION/BUILD/COMPONENT}. So SPK's repositories can be solved against and
 * run, and what we publish SPK can read.
 */
public final class SpfsPackageRepository implements PackageRepository {
    private static final String SPECS = "spk/spec";
    private static final String PACKAGES = "spk/pkg";
    private static final String EMBED_STUB = "embedded-by-";

    private final String name;
    private final Repository spfs;
    private final SpecLoader loader;
    private final Optional<TimeSpec> when;
    /** With a pin: the tag streams that existed at that time (computed once). */
    private Set<String> pinnedStreams;
    private final Map<PkgName, List<Version>> versions = new HashMap<>();
    private final Map<String, List<PackageSpec>> builds = new HashMap<>();
    private Map<PkgName, List<PackageSpec>> embedders;

    public SpfsPackageRepository(String name, Repository spfs, SpecLoader loader) {
        this(name, spfs, loader, Optional.empty());
    }

    /**
     * The repository as it was at {@code when} (SPK's {@code --when}, {@code -r NAME~10m}): only
     * the tags that existed then, each at the version it had then. Nothing can be published to it.
     */
    public SpfsPackageRepository(String name, Repository spfs, SpecLoader loader, Optional<TimeSpec> when) {
        this.name = name;
        this.spfs = spfs;
        this.loader = loader;
        this.when = when;
    }

    /** Whether {@code path} holds an spfs repository (rather than a catalog of spec files). */
    public static boolean isSpfsRepository(Path path) {
        return Files.isDirectory(path.resolve("objects")) && Files.isDirectory(path.resolve("payloads"))
                && Files.isDirectory(path.resolve("tags"));
    }

    public Repository spfs() {
        return spfs;
    }

    /** How messages name the repository: a folder's path, else its address (s3://...). */
    private String where() {
        return spfs instanceof FsRepository fs ? fs.root().toString() : spfs.address();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<PkgName> packageNames() {
        Set<PkgName> out = new TreeSet<>();
        for (TagListing l : list(SPECS)) {
            if (l.folder()) {
                out.add(new PkgName(strip(l.name())));
            }
        }
        return out;
    }

    @Override
    public List<Version> versions(PkgName pkg) {
        return versions.computeIfAbsent(pkg, p -> {
            Set<Version> out = new TreeSet<>();
            for (TagListing l : list(SPECS + "/" + p.value())) {
                out.add(Version.parse(strip(l.name()).replace("..", "+")));
            }
            return List.copyOf(out);
        });
    }

    @Override
    public List<PackageSpec> builds(PkgName pkg, Version version) {
        String dir = SPECS + "/" + pkg.value() + "/" + version.toTagPath();
        return builds.computeIfAbsent(dir, d -> {
            List<PackageSpec> out = new ArrayList<>();
            for (TagListing l : list(d)) {
                if (!l.folder() && !l.name().startsWith(EMBED_STUB)) {
                    SpecFile s = readSpec(d + "/" + l.name());
                    if (s instanceof PackageSpec p) {
                        out.add(p);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public Optional<Recipe> recipe(PkgName pkg, Version version) {
        String tag = SPECS + "/" + pkg.value() + "/" + version.toTagPath();
        if (!hasTag(tag)) {
            return Optional.empty();
        }
        return readSpec(tag) instanceof Recipe r ? Optional.of(r) : Optional.empty();
    }

    @Override
    public Set<Component> publishedComponents(BuildIdent build) {
        return layers(build).keySet();
    }

    /** The published layer (or platform) of each component of a build. */
    public Map<Component, Digest> layers(BuildIdent build) {
        String dir = PACKAGES + "/" + build.name().value() + "/" + build.version().toTagPath() + "/" + build.build();
        Map<Component, Digest> out = new TreeMap<>();
        for (TagListing l : list(dir)) {
            if (!l.folder()) {
                out.put(Component.parse(l.name()), resolve(dir + "/" + l.name()).target());
            }
        }
        return out;
    }

    @Override
    public List<PackageSpec> embeddedBy(PkgName pkg) {
        if (embedders == null) {
            Map<PkgName, List<PackageSpec>> out = new HashMap<>();
            for (PkgName n : packageNames()) {
                for (Version v : versions(n)) {
                    for (PackageSpec b : builds(n, v)) {
                        b.install().embedded().forEach(e -> out.computeIfAbsent(e.pkg().name(), k -> new ArrayList<>()).add(b));
                    }
                }
            }
            embedders = out;
        }
        return embedders.getOrDefault(pkg, List.of());
    }

    /**
     * Publishes a built package: its spec (the YAML text as given) and a layer per component,
     * plus the legacy single tag pointing at the run layer, as SPK does for its older clients.
     */
    public PackageSpec publish(String specYaml, Map<Component, Digest> componentLayers, ObjectFormat format, String author) {
        if (when.isPresent()) {
            throw new InvalidPackage("cannot publish to " + name + ": it is viewed as it was at " + when.get().text());
        }
        SpecFile s = loader.loadText("published spec", specYaml, OptionMap.EMPTY).spec();
        if (!(s instanceof PackageSpec spec)) {
            throw new InvalidPackage("only built packages (name/version/build) can be published this way");
        }
        BuildIdent id = spec.pkg();
        String path = id.name().value() + "/" + id.version().toTagPath() + "/" + id.build();
        byte[] bytes = specYaml.getBytes(StandardCharsets.UTF_8);
        // one write session: the spec, and the tags that make the package visible, safe from a clean
        try (WriteSession session = spfs.beginWrite()) {
            PayloadWrite w;
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                w = session.writePayload(in, 0100644);
            } catch (IOException e) {
                throw new InvalidPackage("cannot write the spec of " + id + ": " + IoMessages.describe(e));
            }
            session.writeObject(new Blob(w.digest(), w.size(), format));
            session.pushTag(TagSpec.parse(SPECS + "/" + path), w.digest(), author);
            Map<Component, Digest> layers = new LinkedHashMap<>(componentLayers);
            layers.forEach((c, d) -> session.pushTag(TagSpec.parse(PACKAGES + "/" + path + "/" + c), d, author));
            Digest legacy = layers.getOrDefault(id.build().isSource() ? Component.SOURCE : Component.RUN, null);
            if (legacy != null) {
                session.pushTag(TagSpec.parse(PACKAGES + "/" + path), legacy, author);
            }
        }
        versions.remove(id.name());
        builds.clear();
        embedders = null;
        return spec;
    }

    private SpecFile readSpec(String tag) {
        Digest d = resolve(tag).target();
        String text;
        try (InputStream in = spfs.openPayload(d)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidPackage("cannot read " + tag + " in " + where() + ": " + IoMessages.describe(e));
        }
        return loader.loadText(where() + ":" + tag, text, OptionMap.EMPTY).spec();
    }

    private boolean hasTag(String tag) {
        try {
            resolve(tag);
            return true;
        } catch (UnknownReferenceException e) {
            return false;
        }
    }

    /** The tag's current version, or with a pin the one current then. */
    private Tag resolve(String tag) {
        TagSpec spec = TagSpec.parse(tag);
        if (when.isEmpty()) {
            return spfs.resolveTag(spec);
        }
        return when.get().current(spfs.readTagStream(spec))
                .orElseThrow(() -> new UnknownReferenceException(tag + " (at " + when.get().text() + ")"));
    }

    private List<TagListing> list(String path) {
        List<TagListing> all;
        try {
            all = spfs.lsTags(path);
        } catch (UnknownReferenceException e) {
            return List.of();
        }
        if (when.isEmpty()) {
            return all;
        }
        Set<String> live = pinnedStreams();
        String prefix = path.isEmpty() ? "" : path + "/";
        return all.stream().filter(l -> l.folder()
                ? live.stream().anyMatch(t -> t.startsWith(prefix + l.name().replaceFirst("/$", "") + "/"))
                : live.contains(prefix + l.name())).toList();
    }

    private Set<String> pinnedStreams() {
        if (pinnedStreams == null) {
            Set<String> out = new java.util.HashSet<>();
            spfs.tagStreams().filter(t -> t.path().startsWith("spk/"))
                    .filter(t -> when.get().current(spfs.readTagStream(t)).isPresent())
                    .forEach(t -> out.add(t.path()));
            pinnedStreams = out;
        }
        return pinnedStreams;
    }

    private static String strip(String listing) {
        return listing.endsWith("/") ? listing.substring(0, listing.length() - 1) : listing;
    }

    /** A spec in the repository that cannot be read or published. */
    public static final class InvalidPackage extends SpkException {
        private static final long serialVersionUID = 1L;

        InvalidPackage(String message) {
            super("invalid-package", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
