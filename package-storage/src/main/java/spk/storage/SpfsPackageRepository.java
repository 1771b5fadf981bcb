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
import spfs.storage.TagDatabase.TagListing;
import spfs.storage.Repository;
import spfs.storage.WriteSession;
import spfs.storage.fs.FsRepository;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spfs.tag.TimeSpec;
import spk.error.SpkException;
import spk.grammar.build.Build;
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
import spk.spec.write.SpecWriter;

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
    /** The repository's index when it has a fresh one ({@link SpfsIndexFile}); null until looked for. */
    private Optional<IndexedSpecs> index;
    private java.util.function.Consumer<String> warnings = w -> System.err.println("warning: " + w);

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

    /** The spfs repository the packages are in: a folder, a server (grpc://), a proxy... */
    public Repository storage() {
        return spfs;
    }

    /**
     * The spfs repository as a folder on this machine, which builds need (they publish to the local
     * repository and run scripts in runtimes made from it); a remote one has none.
     */
    public FsRepository spfs() {
        if (spfs instanceof FsRepository fs) {
            return fs;
        }
        throw new IllegalStateException(name + " (" + spfs.address() + ") is not a repository on this file system");
    }

    @Override
    public String name() {
        return name;
    }

    /** Where warnings about an index that cannot be used go (standard error by default). */
    public SpfsPackageRepository withIndexWarnings(java.util.function.Consumer<String> w) {
        this.warnings = w;
        return this;
    }

    /** Whether the specs are read from the repository's index (a fresh one exists). */
    public boolean fromIndex() {
        return index() != null;
    }

    private IndexedSpecs index() {
        if (index == null) {
            index = Optional.empty();
            if (when.isEmpty() && spfs instanceof FsRepository fs) {
                try {
                    index = SpfsIndexFile.openFresh(fs, warnings).map(idx -> new IndexedSpecs(idx,
                            file -> List.of(readSpec(SPECS + "/" + file.substring(0, file.length() - ".tag".length())))));
                } catch (RuntimeException e) {
                    // a damaged or forged index: its listing did not read
                    warnings.accept("the index of " + fs.root() + " cannot be used (" + e.getMessage()
                            + "); reading the specs");
                }
            }
        }
        return index.orElse(null);
    }

    /** Reads the spec a spec tag points to (the indexer reads what changed with this). */
    SpecFile readSpecTag(String tag) {
        return readSpec(tag);
    }

    @Override
    public Set<PkgName> packageNames() {
        IndexedSpecs idx = index();
        if (idx != null) {
            return idx.names();
        }
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
        IndexedSpecs idx = index();
        if (idx != null) {
            return idx.versions(pkg);
        }
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
        IndexedSpecs idx = index();
        if (idx != null) {
            return builds.computeIfAbsent(dir, d -> idx.builds(pkg, version));
        }
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
        IndexedSpecs idx = index();
        if (idx != null) {
            List<PackageSpec> out = new ArrayList<>();
            for (var v : idx.embedding(pkg)) {
                for (PackageSpec b : builds(v.name(), v.version())) {
                    if (b.install().embedded().stream().anyMatch(e -> e.pkg().name().equals(pkg))) {
                        out.add(b);
                    }
                }
            }
            return out;
        }
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
     * Publishes a recipe (its YAML text as given) at {@code spk/spec/NAME/VERSION}, replacing any
     * recipe of that version, as SPK's builds do (they always save the recipe they build from).
     */
    public Recipe publishRecipe(String recipeYaml, ObjectFormat format, String author) {
        requireWritable();
        SpecFile s = loader.loadText("published recipe", recipeYaml, OptionMap.EMPTY).spec();
        if (!(s instanceof Recipe recipe)) {
            throw new InvalidPackage("only recipes (name/version, with a build) can be published as recipes");
        }
        pushSpec(recipeTagPath(recipe), recipeYaml, recipe.pkg().toString(), format, author);
        return recipe;
    }

    /** Points {@code tag} at a blob of {@code text}, both in one write session (safe from a clean). */
    private void pushSpec(String tag, String text, String what, ObjectFormat format, String author) {
        try (WriteSession session = spfs.beginWrite()) {
            session.pushTag(TagSpec.parse(tag), writeBlob(session, text, what, format), author);
        }
        changed();
    }

    private static String recipeTagPath(Recipe recipe) {
        return SPECS + "/" + recipe.pkg().name().value() + "/" + recipe.pkg().version().toTagPath();
    }

    private static Digest writeBlob(WriteSession session, String text, String what, ObjectFormat format) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        PayloadWrite w;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            w = session.writePayload(in, 0100644);
        } catch (IOException e) {
            throw new InvalidPackage("cannot write the spec of " + what + ": " + IoMessages.describe(e));
        }
        session.writeObject(new Blob(w.digest(), w.size(), format));
        return w.digest();
    }

    /**
     * Publishes a built package: its spec (the YAML text as given) and a layer per component,
     * plus the legacy single tag pointing at the run layer, as SPK does for its older clients.
     */
    public PackageSpec publish(String specYaml, Map<Component, Digest> componentLayers, ObjectFormat format, String author) {
        requireWritable();
        SpecFile s = loader.loadText("published spec", specYaml, OptionMap.EMPTY).spec();
        if (!(s instanceof PackageSpec spec)) {
            throw new InvalidPackage("only built packages (name/version/build) can be published this way");
        }
        BuildIdent id = spec.pkg();
        // one write session: the spec, and the tags that make the package visible, safe from a clean
        try (WriteSession session = spfs.beginWrite()) {
            session.pushTag(TagSpec.parse(specTag(id)), writeBlob(session, specYaml, id.toString(), format), author);
            Map<Component, Digest> layers = new LinkedHashMap<>(componentLayers);
            layers.forEach((c, d) -> session.pushTag(TagSpec.parse(packageTag(id) + "/" + c), d, author));
            Digest legacy = layers.getOrDefault(id.build().isSource() ? Component.SOURCE : Component.RUN, null);
            if (legacy != null) {
                session.pushTag(TagSpec.parse(packageTag(id)), legacy, author);
            }
        }
        changed();
        return spec;
    }

    /** The spec of one build, read from its tag (deprecated or not, source or binary); empty when absent. */
    public Optional<PackageSpec> build(BuildIdent id) {
        String tag = specTag(id);
        if (!hasTag(tag)) {
            return Optional.empty();
        }
        return readSpec(tag) instanceof PackageSpec p ? Optional.of(p) : Optional.empty();
    }

    /**
     * The tags that make up one build here, at their current (or pinned) version: its spec, the
     * layer of each component and the legacy single tag; what copying the build means.
     */
    public List<Tag> buildTags(BuildIdent id) {
        List<Tag> out = new ArrayList<>();
        if (hasTag(specTag(id))) {
            out.add(resolve(specTag(id)));
        }
        String pkgDir = packageTag(id);
        if (hasTag(pkgDir)) {
            out.add(resolve(pkgDir));
        }
        for (TagListing l : list(pkgDir)) {
            if (!l.folder()) {
                out.add(resolve(pkgDir + "/" + l.name()));
            }
        }
        return out;
    }

    /** The tag of a version's recipe, when it has one here. */
    public Optional<Tag> recipeTag(PkgName pkg, Version version) {
        String tag = SPECS + "/" + pkg.value() + "/" + version.toTagPath();
        return hasTag(tag) ? Optional.of(resolve(tag)) : Optional.empty();
    }

    /**
     * Rewrites a build's spec in place, as SPK's {@code update_package} does for deprecation:
     * a new version of its spec tag; its layers are untouched.
     */
    public void updateBuild(PackageSpec spec, ObjectFormat format, String author) {
        requireWritable();
        if (!hasTag(specTag(spec.pkg()))) {
            throw new PackageNotFound(spec.pkg() + " is not in " + name);
        }
        pushSpec(specTag(spec.pkg()), SpecWriter.write(spec), spec.pkg().toString(), format, author);
    }

    /** Writes a version's recipe, replacing the one there (SPK's {@code force_publish_recipe}). */
    public void updateRecipe(Recipe recipe, ObjectFormat format, String author) {
        requireWritable();
        pushSpec(recipeTagPath(recipe), SpecWriter.write(recipe), recipe.pkg().toString(), format, author);
    }

    /**
     * Removes one build: its spec tag first (so it leaves listings and solves at once), then its
     * component tags, the legacy single tag, and the embed stubs of the packages it embeds, each
     * whole tag stream, as SPK does. Every removal of a build from a repository goes through here.
     * The layers stay until {@code spfs clean} finds nothing reaching them.
     *
     * @return whether anything was there to remove
     */
    public boolean removeBuild(BuildIdent id) {
        requireWritable();
        Optional<PackageSpec> spec = build(id);
        boolean removed = removeStream(specTag(id));
        String pkgDir = packageTag(id);
        for (TagListing l : list(pkgDir)) {
            if (!l.folder()) {
                removed |= removeStream(pkgDir + "/" + l.name());
            }
        }
        removed |= removeStream(pkgDir);
        spec.ifPresent(s -> removeEmbedStubs(s));
        changed();
        return removed;
    }

    /** Removes a version's recipe; false when it had none. */
    public boolean removeRecipe(PkgName pkg, Version version) {
        requireWritable();
        boolean removed = removeStream(SPECS + "/" + pkg.value() + "/" + version.toTagPath());
        changed();
        return removed;
    }

    /** The stubs that advertise the packages {@code parent} embeds (SPK writes them; we remove them with it). */
    private void removeEmbedStubs(PackageSpec parent) {
        for (var embedded : parent.install().embedded()) {
            String dir = SPECS + "/" + embedded.pkg().name().value() + "/" + embedded.pkg().version().toTagPath();
            for (TagListing l : list(dir)) {
                if (!l.folder() && l.name().startsWith(EMBED_STUB) && readSpec(dir + "/" + l.name()) instanceof PackageSpec stub
                        && stub.pkg().build() instanceof Build.Embedded e && e.source().isPresent()
                        && e.source().get().name().equals(parent.pkg().name())
                        && e.source().get().version().map(parent.pkg().version()::equals).orElse(true)
                        && e.source().get().build().map(parent.pkg().build()::equals).orElse(true)) {
                    removeStream(dir + "/" + l.name());
                }
            }
        }
    }

    private boolean removeStream(String tag) {
        try {
            spfs.removeTagStream(TagSpec.parse(tag));
            return true;
        } catch (UnknownReferenceException e) {
            return false;
        }
    }

    private void requireWritable() {
        if (when.isPresent()) {
            throw new InvalidPackage("cannot change " + name + ": it is viewed as it was at " + when.get().text());
        }
    }

    /** Forgets what was read: the repository changed. */
    private void changed() {
        // the index no longer matches the tags: this object reads the tags from now on
        index = Optional.empty();
        versions.clear();
        builds.clear();
        embedders = null;
    }

    private static String specTag(BuildIdent id) {
        return SPECS + "/" + id.name().value() + "/" + id.version().toTagPath() + "/" + id.build();
    }

    private static String packageTag(BuildIdent id) {
        return PACKAGES + "/" + id.name().value() + "/" + id.version().toTagPath() + "/" + id.build();
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

    /** How messages name the repository: a folder by its path, anything else by its address. */
    private String where() {
        return spfs instanceof FsRepository fs ? fs.root().toString() : spfs.address();
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

    /** What was to be changed is not in the repository. */
    public static final class PackageNotFound extends SpkException {
        private static final long serialVersionUID = 1L;

        public PackageNotFound(String message) {
            super("package-not-found", message);
        }

        @Override
        public Kind kind() {
            return Kind.UNSATISFIABLE;
        }
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
