package spk.bench.studio;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, studio-shaped SPK catalog, written as one YAML file of built specs per package.
 *
 * <p>Packages are released yearly against {@code vfx-platform}, whose version for each year
 * pins about twenty critical libraries ({@link Critical}) with {@code IfAlreadyPresent}
 * requirements. Around them: system libraries, pure and compiled python modules, studio
 * libraries, DCCs that embed their own python, plugins that need a range of DCC lines, and
 * toolsets that ask for a platform year, a DCC line and 50-100 other packages. A version
 * released in year R is built for the platforms of years R-1 and R, so the newest version of
 * many packages cannot be used with an older platform, and the solver has to find that out;
 * others are unusable because their newest build is for another distro, needs a newer python
 * or DCC line, or is deprecated. The same seed always writes the same catalog.
 */
public final class StudioCatalog {
    static final int FIRST_YEAR = 2019;
    static final int LAST_YEAR = 2026;
    static final int YEARS = LAST_YEAR - FIRST_YEAR + 1;

    /** The python line of each platform year, as the VFX reference platform moves. */
    static final String[] PYTHON = {"3.7", "3.7", "3.7", "3.9", "3.10", "3.11", "3.11", "3.12"};

    private final long seed;
    final Map<String, Critical> critical = new LinkedHashMap<>();
    final List<String> system = new ArrayList<>();
    final List<String> pythonModules = new ArrayList<>();
    final List<String> studio = new ArrayList<>();
    final Map<String, String[]> dccs = new LinkedHashMap<>();
    final Map<String, List<String>> plugins = new LinkedHashMap<>();

    /** A critical library: its version line for each platform year and what it is built against. */
    record Critical(String name, String[] lines, boolean pythonBindings, List<String> needs, int systemNeeds) {}

    public StudioCatalog(long seed) {
        this.seed = seed;
        critical("python", "3.7 3.7 3.7 3.9 3.10 3.11 3.11 3.12", false, List.of(), 6);
        critical("imath", "2.3 2.4 2.5 3.1 3.1 3.1 3.1 3.2", true, List.of("python"), 0);
        critical("openexr", "2.3 2.4 2.5 3.1 3.1 3.2 3.3 3.4", false, List.of("imath"), 2);
        critical("boost", "1.66 1.70 1.73 1.76 1.80 1.82 1.85 1.86", true, List.of("python"), 2);
        critical("tbb", "2019.6 2019.9 2020.3 2020.3 2021.6 2021.11 2021.13 2022.0", false, List.of(), 1);
        critical("blosc", "1.5 1.5 1.17 1.21 1.21 1.21 1.21 1.21", false, List.of(), 3);
        critical("ptex", "2.1 2.3 2.3 2.4 2.4 2.4 2.4 2.4", false, List.of(), 1);
        critical("numpy", "1.14 1.17 1.19 1.20 1.23 1.24 1.26 2.1", true, List.of("python"), 1);
        critical("opencolorio", "1.1 1.1 2.0 2.1 2.2 2.3 2.4 2.5", true, List.of("openexr", "python"), 3);
        critical("openimageio", "2.0 2.1 2.2 2.3 2.4 2.5 3.0 3.1", true,
                List.of("openexr", "opencolorio", "tbb", "boost", "ptex", "python"), 5);
        critical("openvdb", "6.0 7.0 8.0 9.0 10.0 11.0 12.0 12.1", true,
                List.of("boost", "tbb", "blosc", "openexr", "python"), 1);
        critical("alembic", "1.7 1.7 1.7 1.8 1.8 1.8 1.8 1.8", true, List.of("imath", "openexr", "python"), 1);
        critical("qt", "5.6 5.12 5.15 5.15 5.15 6.5 6.5 6.8", false, List.of(), 6);
        critical("pyside", "5.12 5.12 5.15 5.15 5.15 6.5 6.5 6.8", true, List.of("qt", "python"), 0);
        critical("materialx", "1.36 1.37 1.38 1.38 1.38 1.38 1.39 1.39", true, List.of("python"), 0);
        critical("glew", "2.0 2.1 2.1 2.1 2.2 2.2 2.2 2.2", false, List.of(), 2);
        critical("opensubdiv", "3.3 3.4 3.4 3.4 3.5 3.6 3.6 3.6", false, List.of("tbb", "glew"), 0);
        critical("embree", "3.2 3.6 3.12 3.13 3.13 4.3 4.3 4.4", false, List.of("tbb"), 0);
        critical("osl", "1.10 1.10 1.11 1.11 1.12 1.13 1.14 1.14", true,
                List.of("openimageio", "openexr", "boost", "python"), 2);
        critical("usd", "19.11 20.8 21.5 22.5 23.5 24.5 25.2 25.8", true, List.of("boost", "tbb", "python",
                "openimageio", "opencolorio", "openvdb", "alembic", "materialx", "opensubdiv", "embree", "ptex", "glew"), 1);
        String[] sys = ("zlib bzip2 xz lz4 zstd libffi expat openssl ncurses readline sqlite libxml2 libxslt pcre2 icu "
                + "libpng libjpeg-turbo libtiff giflib libwebp freetype fontconfig harfbuzz fribidi pixman cairo pango "
                + "glib gdbm libuuid util-linux libxcrypt krb5 curl nghttp2 libssh2 libyaml yaml-cpp pystring "
                + "pugixml fmt spdlog gflags glog eigen hdf5 libraw openjpeg libheif libde265 x265 ffmpeg "
                + "opus libvorbis libogg flac lame libsndfile portaudio alsa-lib pulseaudio libx11 libxext libxrender "
                + "libxi libxrandr libxcursor libxinerama libxkbcommon mesa libglvnd libdrm wayland vulkan-loader "
                + "llvm clang cmake ninja pkgconf autoconf automake libtool m4 gettext perl tcl tk jemalloc "
                + "tbbmalloc-proxy double-conversion gsl fftw openblas lapack suitesparse cgal gmp mpfr "
                + "boost-headers robinmap nlohmann-json cli11 catch2 gtest benchmark").split(" ");
        system.addAll(List.of(sys));
        String[] words = ("requests urllib3 certifi idna charset six attrs pyyaml jinja2 markupsafe click "
                + "colorama tqdm rich pygments docutils packaging setuptools wheel pip typing-extensions "
                + "pydantic dataclasses-json marshmallow jsonschema toml tomli platformdirs appdirs filelock "
                + "psutil pillow scipy pandas matplotlib cycler kiwisolver pyparsing dateutil pytz tzdata "
                + "sqlalchemy alembic-migrations greenlet msgpack protobuf grpcio zmq pyzmq redis celery kombu "
                + "vine billiard amqp boto3 botocore s3transfer jmespath paramiko cryptography cffi pycparser "
                + "bcrypt pynacl lxml html5lib beautifulsoup4 soupsieve networkx sympy mpmath numba llvmlite "
                + "opencv imageio tifffile scikit-image pywavelets shapely pyproj fiona rtree trimesh "
                + "pyopengl glfw moderngl qtpy pyqtgraph shiboken pyblish avalon qtawesome fonttools "
                + "openpype-lib ftrack-api shotgun-api3 tank-core sgtk-utils kitsu-client gazu deadline-client "
                + "tractor-api opencue-client rez-utils spk-py pipeline-core pipeline-ui asset-resolver "
                + "path-resolver template-engine naming-rules color-utils lut-tools exr-tools oiio-tools "
                + "usd-tools usd-schemas usd-view-plugins hydra-tools mtlx-tools vdb-tools abc-tools "
                + "render-submit farm-utils license-utils logging-utils config-utils cache-utils "
                + "event-bus plugin-loader hotkeys preferences session-utils review-tools playblast "
                + "editorial otio-adapters opentimelineio timecode frame-range sequence-utils "
                + "version-control publish-tools ingest-tools delivery-tools metadata-tools thumbnail "
                + "slate-tools burnin lens-utils camera-utils rig-utils anim-utils crowd-utils fx-utils "
                + "lighting-utils lookdev-utils comp-utils paint-utils layout-utils").split(" ");
        for (int i = 0; i < 170; i++) {
            pythonModules.add("py-" + words[i % words.length] + (i >= words.length ? "-" + (i / words.length) : ""));
        }
        String[] studioWords = ("core io geo math image color cache asset shot seq render light shade mat tex "
                + "anim rig crowd fx sim cloth hair fur groom mesh curve point volume vdb abc usd hydra scene "
                + "layout camera lens edit review publish ingest deliver farm license log config event plugin "
                + "ui widget theme hotkey pref session net rpc db query search index tag meta version naming "
                + "path template resolve color-mgmt lut ocio-cfg exr-io dpx-io mov-io audio timeline otio "
                + "edl xml json yaml cli test bench profile debug trace metrics health monitor").split(" ");
        for (int i = 0; i < 150; i++) {
            studio.add("studio-" + studioWords[i % studioWords.length]
                    + (i >= studioWords.length ? "-" + (char) ('a' + i / studioWords.length) : ""));
        }
        dccs.put("nuke", "12.2 13.0 13.1 13.2 14.0 15.0 15.1 16.0".split(" "));
        dccs.put("houdini", "17.5 18.0 18.5 19.0 19.5 20.0 20.5 21.0".split(" "));
        dccs.put("katana", "3.6 4.0 4.5 5.0 6.0 7.0 8.0 8.5".split(" "));
        dccs.put("maya", "2019.3 2020.4 2022.1 2022.4 2023.3 2024.2 2025.3 2026.1".split(" "));
        dccs.put("mari", "4.6 4.7 5.0 6.0 6.0 7.0 7.1 7.2".split(" "));
        dccs.put("blender", "2.81 2.91 2.93 3.3 3.6 4.1 4.2 4.5".split(" "));
        String[] pluginWords = "denoise lens-fx keyer tracker paint-fx grade relight deep-tools usd-bridge "
                .split(" ");
        for (String dcc : List.of("nuke", "houdini", "katana", "maya", "mari", "blender")) {
            List<String> ps = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ps.add(dcc + "-" + (i < pluginWords.length ? pluginWords[i] : "tool-" + i));
            }
            plugins.put(dcc, ps);
        }
    }

    private void critical(String name, String lines, boolean bindings, List<String> needs, int systemNeeds) {
        critical.put(name, new Critical(name, lines.split(" "), bindings, needs, systemNeeds));
    }

    /** The toolsets written, one per DCC that has them. */
    static final List<String> TOOLSET_DCCS = List.of("nuke", "houdini", "katana", "maya");

    /** The request sets the benchmark solves: name → requests; those named {@code *-unsat} have no solution. */
    public static Map<String, List<String>> requestSets() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("nuke-2024", List.of("nuke-toolset/2024"));
        out.put("katana-2024", List.of("katana-toolset/2024"));
        out.put("houdini-2025", List.of("houdini-toolset/2025"));
        out.put("maya-2023", List.of("maya-toolset/2023"));
        out.put("nuke-2024-unsat", List.of("nuke-toolset/2024", NEXTGEN));
        return out;
    }

    /** A library first released for the 2026 platform: it cannot be used with an older one. */
    static final String NEXTGEN = "studio-nextgen";

    /** The options every request set is solved with (in place of the host's). */
    public static final List<String> OPTIONS = List.of("os=linux", "arch=x86_64", "distro=rocky", "rocky=9",
            "debug=off");

    /** Writes the catalog under {@code dir}; returns how many builds were written. */
    public int write(Path dir) throws IOException {
        Files.createDirectories(dir);
        SpecWriter out = new SpecWriter(seed);
        new Layers(this, out).all();
        int builds = 0;
        for (Map.Entry<String, List<String>> e : out.files().entrySet()) {
            Path f = dir.resolve(e.getKey().substring(0, 1)).resolve(e.getKey() + ".yaml");
            Files.createDirectories(f.getParent());
            try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                for (String spec : e.getValue()) {
                    w.write(spec);
                    builds++;
                }
            }
        }
        return builds;
    }

    /** A random source for one package, so each package's choices do not depend on the others'. */
    Random random(String name) {
        return new Random(seed * 1_000_003L + name.hashCode());
    }

    /**
     * Usage: {@code StudioCatalog DIR [SEED]} writes the catalog; {@code StudioCatalog
     * --requests NAME} prints a request set, {@code --options} the options to solve with.
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--requests")) {
            System.out.println(String.join(" ", requestSets().get(args[1])));
            return;
        }
        if (args.length > 0 && args[0].equals("--options")) {
            System.out.println(String.join(" ", OPTIONS.stream().map(o -> "-o " + o).toList()));
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "target/studio-catalog");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 11;
        long start = System.nanoTime();
        int builds = new StudioCatalog(seed).write(dir);
        System.out.printf("wrote %d builds to %s in %.1f s%n", builds, dir, (System.nanoTime() - start) / 1e9);
    }
}
