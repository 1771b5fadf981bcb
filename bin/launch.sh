# Shared by bin/spk and bin/spfs: runs a main class of the cli module with its dependencies.
# Usage (sourced from bin/): launch <main class> <program name> "$@"
# Start-up counts (every command pays it), so the script forks nothing it can do in bash.

# This folder's real path (the class-data archive is valid only for the class path it was
# recorded with), without a fork when it is the folder bin/train-startup.sh recorded (-ef: the
# same folder, however reached, through a symlinked folder too); else readlink -f.
JSPK_BIN="${BASH_SOURCE[0]%/*}"
JSPK_REAL=
{ read -r JSPK_REAL <"$JSPK_BIN/../cli/target/bin-path"; } 2>/dev/null || true
if [[ -n "$JSPK_REAL" && "$JSPK_REAL" -ef "$JSPK_BIN" ]]; then
    JSPK_BIN="$JSPK_REAL"
else
    JSPK_BIN="$(readlink -f "${BASH_SOURCE[0]}")"
    JSPK_BIN="${JSPK_BIN%/*}"
fi

# The class path, in one fixed order (the class-data archive and the AOT cache made at setup are
# valid only for the order they were made with), set in the caller's variable cp. Ours and
# picocli first: a class missing from the archive is looked up jar by jar in this order, and
# each jar is opened (its whole directory read) when the lookup first reaches it; picocli's
# classes, compiled for Java 5, are never in JDK 25's AOT cache, so with the jars sorted by name
# every solve opened all ~75 jars to find them at the end.
jspk_classpath() {
    local target="$1" jar
    local LC_COLLATE=C
    cp="$target/jspk-cli.jar"
    for jar in "$target"/lib/jspk-*.jar "$target"/lib/picocli-*.jar; do
        cp="$cp:$jar"
    done
    for jar in "$target"/lib/*.jar; do
        case "${jar##*/}" in
            jspk-*|picocli-*) ;;
            *) cp="$cp:$jar" ;;
        esac
    done
}

# Which of bin/train-startup.sh's class-data archives a command starts from, set in the caller's
# variable kind: cli/target/jspk-<kind>.jsa holds only what the commands of that kind load, and
# cli/target/jspk.jsa every trained command's classes. The JVM maps an archive at a random
# address and patches every pointer in it before main, so its size is paid on each start (38 MB:
# ~35 ms; 14 MB: ~10 ms; docs/benchmarks.md, "Command-line start-up"). Arguments: the program
# and its arguments; the kind follows from the first that is not an option (the roots' own
# options take no values), set in the caller's variable word too. Not `help`: `spk help env`
# loads env's classes, which the short commands' archive does not hold.
jspk_archive_kind() {
    local program="$1" arg
    shift
    word=""
    for arg in "$@"; do
        [[ "$arg" == -* ]] && continue
        word="$arg"
        break
    done
    case "$program:$word" in
        *: | *:version) kind=short ;;
        spfs:run | spfs:shell | spfs:enter | spfs:monitor) kind=run ;;
        spk:env | spk:run | spk:shell) kind=env ;;
        *) kind="" ;;
    esac
}

# The JVM's options for a command of a kind (jspk_archive_kind), set in the caller's array named
# by the second argument (bin/train-startup.sh records each kind's classes with its options).
jspk_jvm_options() {
    local -n jspk_options="$2"
    # -XX:-MaxFDLimit: the JVM would raise the open-files limit, and `spfs run` execs the
    # user's command from this very process, which would inherit the raised limit
    jspk_options=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-MaxFDLimit)
    if [[ "$1" == short ]]; then
        # help and version allocate next to nothing: JDK 17 maps the archive's heap objects
        # (the module graph) only under G1, which the serial collector would build again, and
        # no performance-data file is made for so short a life (~15 ms of CPU together;
        # docs/benchmarks.md, "Command-line start-up")
        jspk_options=(-XX:TieredStopAtLevel=1 -XX:-MaxFDLimit -XX:-UsePerfData)
    fi
}

launch() {
    local main="$1" program="$2"
    shift 2
    local root="${JSPK_BIN%/*}"
    local target="$root/cli/target"
    if [[ ! -f "$target/jspk-cli.jar" ]]; then
        echo "${program}: not built yet; run ./build-and-run.sh (or: mvn -q -DskipTests package) in $root" >&2
        exit 2
    fi
    local cp
    jspk_classpath "$target"
    local word kind
    jspk_archive_kind "$program" "$@"
    local jvm
    jspk_jvm_options "$kind" jvm
    # A pull hashes every payload it copies, a commit every file it reads. With OpenSSL's SHA-256
    # (libcrypto, installed with the system; spfs.encoding.Libcrypto), which uses the CPU's SHA
    # instructions from the first byte, the quick compiler (C1) alone serves them: its code, never
    # profiled, runs faster than the profiled code they otherwise spend most of their time in, and
    # the optimising compiler's ~0.3 s and half the quick one's CPU are saved (docs/benchmarks.md,
    # "Pull through the server"). Without libcrypto the JDK's SHA-256 needs the optimising
    # compiler (below).
    local crypto=""
    if [[ ("$program:$word" == spfs:pull || "$program:$word" == spfs:commit) && -n "${SPK_JIT_FULL:-}"
        && -z "${SPFS_NO_LIBCRYPTO:-}" ]]; then
        local arch="${HOSTTYPE:-x86_64}"
        for crypto in "/usr/lib/$arch-linux-gnu/libcrypto.so.3" "/lib/$arch-linux-gnu/libcrypto.so.3" \
            /usr/lib64/libcrypto.so.3 /lib64/libcrypto.so.3 ""; do
            [[ -n "$crypto" && -f "$crypto" ]] && break
        done
    fi
    if [[ -n "$crypto" ]]; then
        # the young generation as below; -Dspfs.libcrypto: this very file, not a search
        jvm=(-XX:-MaxFDLimit -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn320m "-Dspfs.libcrypto=$crypto")
    elif [[ -n "${SPK_JIT_FULL:-}" ]]; then
        jvm=(-XX:-MaxFDLimit)
        # A one-shot copy of many files (commit, pull) keeps the optimising compiler for the few
        # really hot methods (SHA-256, the copy loops) and not for the hundreds that run once per
        # file: C2 compiling those cost a quarter of a commit's CPU (docs/benchmarks.md)
        if [[ -n "${SPK_JIT_HOT_ONLY:-}" ]]; then
            jvm+=(-XX:Tier4InvocationThreshold=200000 -XX:Tier4MinInvocationThreshold=50000
                -XX:Tier4CompileThreshold=300000 -XX:Tier4BackEdgeThreshold=400000)
            # except SHA-256's block loops: only C2 swaps them for the CPU's SHA instructions, and
            # under the thresholds above a pull of ~8,000 payloads hashed most of its blocks in
            # C1's plain Java (implCompress0: half of its hashing time, ~0.17 s of CPU); a
            # thousandth of the thresholds brings C2 (three small methods) in at once
            jvm+=(-XX:CompileCommand=quiet
                "-XX:CompileCommand=option,sun.security.provider.DigestBase::implCompressMultiBlock*,double,CompileThresholdScaling,0.001"
                "-XX:CompileCommand=option,sun.security.provider.SHA2::implCompress*,double,CompileThresholdScaling,0.001")
            # and a young generation that holds what a commit of ~9,000 files allocates (~200 MB,
            # nearly all of it garbage): G1 started with a 12 MB one and stopped every writer six
            # times, for 0.3 s in all under load; larger copies collect every 256 MB, cheaply
            jvm+=(-XX:+UseSerialGC -Xmn320m)
        fi
    fi
    # s3:// repositories' jars (the AWS SDK) stay off the class path: opened only when needed
    jvm+=("-Dspfs.repository.kinds.path=$target/lib-s3/*")
    # jffi (under jnr: mounts, namespaces, exec) loads its native stub from the folder the build
    # unpacked it to (cli/pom.xml) instead of copying it out of its jar into /tmp on every run;
    # a missing folder leaves jffi to do that itself
    local stub="$target/jffi/jni/${HOSTTYPE:-x86_64}-Linux"
    if [[ -f "$stub/libjffi-1.2.so" ]]; then
        jvm+=("-Djffi.boot.library.path=$stub")
    fi
    # spk bench reads a whole Debian archive (~300 MB live): a young generation that holds it
    # spares the serial collector from copying it over and over (0.5 s of pauses otherwise)
    if [[ "${1:-}" == bench ]]; then
        jvm+=(-Xmn1g)
    fi
    local java=java release=""
    # Long solves, and pulls, run on the JDK 25 that bin/train-startup.sh trained an
    # ahead-of-time cache for each with, when there is one and it is newer than the build; every
    # other command starts faster on the Java on PATH with the class-data archive
    # (docs/benchmarks.md, "Command-line start-up" and "Pull through the server"). Not when
    # JAVA_OPTS chooses class-data sharing itself: the JVM refuses both at once.
    # SPK_AOT_RECORD=FILE: this run trains the cache FILE instead (bin/train-startup.sh), with
    # the very options a run from it gets (the JVM ignores a cache made with others)
    local aot=""
    case "$program:$word" in
        spk:explain | spk:check-installable | spk:bench) aot="$target/jspk.aot" ;;
        spfs:pull) aot="$target/jspk-pull.aot" ;;
    esac
    if [[ -n "$aot" && -z "${SPK_NO_AOT:-}" && -x "$target/aot-jdk/bin/java"
        && "${JAVA_OPTS:-}" != *-Xshare* && "${JAVA_OPTS:-}" != *SharedArchiveFile* ]]; then
        if [[ -n "${SPK_AOT_RECORD:-}" ]]; then
            java="$target/aot-jdk/bin/java"
            jvm+=("-XX:AOTCacheOutput=$SPK_AOT_RECORD" -Xlog:aot=off -Xlog:cds=off)
        elif [[ "$aot" -nt "$target/jspk-cli.jar" ]]; then
            java="$target/aot-jdk/bin/java"
            jvm+=("-XX:AOTCache=$aot" -Xlog:aot=off -Xlog:cds=off)
        fi
    fi
    if [[ "$java" == java ]]; then
        # the archive of the command's kind, else the one of every command, each only while
        # newer than the build (the JVM would reject an archive of other jars)
        local jsa=""
        if [[ -n "$kind" && "$target/jspk-$kind.jsa" -nt "$target/jspk-cli.jar" ]]; then
            jsa="$target/jspk-$kind.jsa"
        elif [[ "$target/jspk.jsa" -nt "$target/jspk-cli.jar" ]]; then
            jsa="$target/jspk.jsa"
        fi
        jvm+=(-Xshare:auto)
        if [[ -n "$jsa" ]]; then
            jvm+=("-XX:SharedArchiveFile=$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
        fi
        # the JDK of the java on PATH, without a fork where that is JAVA_HOME's or one of the
        # installed JDKs' (-ef: the same file through the alternatives' links); else readlink -f
        local on_path="" home
        hash java 2>/dev/null && on_path="${BASH_CMDS[java]:-}"
        for home in "${JAVA_HOME:-/nonexistent}" /usr/lib/jvm/*; do
            if [[ -n "$on_path" && "$on_path" -ef "$home/bin/java" ]]; then
                release="$home/release"
                break
            fi
        done
        if [[ -z "$release" && -n "$on_path" ]]; then
            release="$(readlink -f "$on_path")"
            release="${release%/bin/java}/release"
        fi
    else
        release="$target/aot-jdk/release"
    fi
    # jnr (FUSE, mounts, exec) loads native code and uses sun.misc.Unsafe: newer JDKs warn on
    # stderr about both unless told it is intended. Only there: on JDK 17 the first option
    # would turn off CDS's optimized module handling for nothing.
    local version=""
    [[ -f "$release" ]] && { read -r -d '' version <"$release" || true; }
    if [[ "$version" =~ JAVA_VERSION=\"(2[2-9]|[3-9][0-9]) ]]; then
        jvm+=(--enable-native-access=ALL-UNNAMED)
        [[ "${BASH_REMATCH[1]}" != 22 ]] && jvm+=(--sun-misc-unsafe-memory-access=allow)
    fi
    # what runs in a runtime (spfs run, spk env, a build script) calls spfs itself (spfs commit,
    # spfs edit): make it this one, found next to the launcher, even when bin/ is not on PATH
    case ":${PATH:-}:" in
        *":$JSPK_BIN:"*) ;;
        *) export PATH="$JSPK_BIN${PATH:+:$PATH}" ;;
    esac
    # a remount (spfs edit, commit, reset) detaches the /spfs that a shell inside it sits in; the
    # JVM cannot start without a current directory, so go to the same path in the new mount
    if ! pwd -P >/dev/null 2>&1; then
        cd -- "${PWD:-/}" 2>/dev/null || cd /
    fi
    if [[ -n "${SPK_LAUNCH_TRACE:-}" ]]; then
        # which JVM and options a command gets (the launcher's tests read this)
        echo "launch: $java ${jvm[*]}" >&2
    fi
    # shellcheck disable=SC2086
    exec "$java" "${jvm[@]}" ${JAVA_OPTS:-} -cp "$cp" "$main" "$@"
}
