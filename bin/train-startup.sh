#!/usr/bin/env bash
# Records what bin/spk and bin/spfs load, so that they start faster (run by ./build-and-run.sh
# after every build; safe to run again at any time):
#   cli/target/jspk.jsa   a static class-data archive for the Java on PATH (Java 17 or newer),
#                         of every class a scripted session of spk and spfs commands loads;
#   cli/target/jspk-<kind>.jsa  smaller ones, each of what the session's commands of one kind
#                         (bin/launch.sh's jspk_archive_kind: short, run, env) load, which the
#                         launchers use for those commands (a smaller archive starts faster);
#   cli/target/jspk.aot   with a JDK 25 or newer (SPK_AOT_JAVA, else /usr/lib/jvm/*25*): its
#                         ahead-of-time cache (JEP 483/514/515), trained on a solve,
#   cli/target/jspk-pull.aot  another, trained on a pull through `spfs server`, and
#   cli/target/aot-jdk    a link to that JDK, which the launchers then use for long solves and
#                         for pulls;
#   cli/target/bin-path   this checkout's bin/ folder, its real path (the launchers' fast path).
# The launchers use each only while it is newer than cli/target/jspk-cli.jar; a stale or missing
# one is skipped, never an error.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
target="$root/cli/target"
[[ -f "$target/jspk-cli.jar" ]] || { echo "train-startup: build first (mvn -q -DskipTests package)" >&2; exit 2; }
# the launchers' class path, in their order (an archive is valid only for the order it was made with)
# shellcheck source=bin/launch.sh
source "$root/bin/launch.sh"
jspk_classpath "$target"
# the launcher's own options, so that what is recorded is what a real run loads (each kind's
# own for the session's commands, below)
jspk_jvm_options "" jvm
rm -f "$target"/jspk.jsa "$target"/jspk-*.jsa "$target"/jspk*.aot "$target/aot-jdk" "$target"/spk.jsa "$target"/spfs.jsa
# JDK 25's ahead-of-time caches need that JDK (see docs/benchmarks.md for where they are used)
aot_java="${SPK_AOT_JAVA:-}"
if [[ -z "$aot_java" ]]; then
    for j in /usr/lib/jvm/*-25*/bin/java /usr/lib/jvm/*-2[6-9]*/bin/java; do
        [[ -x "$j" ]] && aot_java="$j"
    done
fi
# linked at once: the pull's training runs through the launcher, which finds the JDK there
# (the launchers use it only beside a cache newer than the build; unlinked below if none is made)
if [[ -n "$aot_java" && -x "$aot_java" ]]; then
    aot_home="$(readlink -f "$aot_java")"
    ln -sfn "${aot_home%/bin/java}" "$target/aot-jdk"
else
    aot_java=""
fi
scratch="$(mktemp -d)"
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" SPFS_STORAGE__ROOT="$scratch/repo"
mkdir -p "$HOME" "$scratch/src/d"
echo hello >"$scratch/src/d/f"
ln -s d/f "$scratch/src/l"
catalog="$root/packages/demo-catalog.yaml"
# A large solve too, when the benchmarks module is built: a generated studio-shaped catalog
# (benchmarks/studio), indexed, and a toolset request that cannot be met, explained. What it
# loads (the index reader, the SAT solver's learnt clauses, the explanation) a small solve never
# does, and a class missing from the archive is read from its jar on every cold solve.
large=()
bench="$root/benchmarks/target"
if [[ -f "$bench/jspk-benchmarks.jar" ]]; then
    java -cp "$bench/jspk-benchmarks.jar:$bench/lib/*" spk.bench.studio.StudioCatalog "$scratch/studio" 11 \
        >/dev/null 2>&1 && read -r -a large <<<"explain $(java -cp "$bench/jspk-benchmarks.jar:$bench/lib/*" \
        spk.bench.studio.StudioCatalog --options) --no-host -r $scratch/studio nuke-toolset/2024 studio-nextgen" \
        && java "${jvm[@]}" -cp "$cp" spk.cli.spk.SpkMain repo index -r "$scratch/studio" >/dev/null 2>&1 || large=()
fi
runs=(
    "spk --help" "spk version" "spk explain --no-host -r $catalog greeter hello/1.1"
    "spk explain -v --no-host -r $catalog greeter" "spk env --dry-run --no-host -r $catalog greeter"
    "spk lint $root/packages/hello/hello.spk.yaml" "spk view $root/packages/greeter/greeter.spk.yaml"
    "spk num-variants $root/packages/hello/hello.spk.yaml" "spk ls -r $catalog" "spk nope"
    "spfs --help" "spfs version" "spfs commit --path $scratch/src -t t" "spfs render --strategy HardLink t $scratch/out"
    "spfs ls -R t" "spfs tags" "spfs log t" "spfs info t" "spfs push --to $scratch/origin?create=true t" "spfs check"
    "spfs clean --dry-run" "spfs runtime list" "spfs run t -- true" "spfs run - -- true" "spfs runtime prune --stale"
    # a real environment: two packages built into the scratch repository, then entered (the
    # index, the solution's layers and the launch, which a dry run never reaches)
    "spk build $root/packages/stdfs/stdfs.spk.yaml" "spk build $root/packages/hello/hello.spk.yaml" "spk env hello -- true"
)
((${#large[@]})) && runs+=("spk ${large[*]}")
n=0
kinds=()
run_kind=()
for run in "${runs[@]}"; do
    read -r -a args <<<"$run"
    main=spk.cli.spk.SpkMain
    [[ "${args[0]}" == spfs ]] && main=spk.cli.spfs.SpfsMain
    n=$((n + 1))
    # the kind the launcher gives this command
    jspk_archive_kind "${args[@]}"
    run_kind[n]="$kind"
    # a runtime's monitor starts with this JVM's options but not its class list (spfs.runtime.
    # JavaCommand), and from the archive of this kind: record its classes too, from the JVM's
    # environment, which the command line's list overrides in this process
    tool_options=""
    [[ "$kind" == run || "$kind" == env ]] && tool_options="-XX:DumpLoadedClassList=$scratch/classes.m$n"
    jspk_jvm_options "$kind" run_jvm
    JAVA_TOOL_OPTIONS="$tool_options" java "${run_jvm[@]}" -XX:DumpLoadedClassList="$scratch/classes.$n" -cp "$cp" "$main" \
        "${args[@]:1}" </dev/null >/dev/null 2>&1 || true
done
# The pull's ahead-of-time cache is trained on a layer of ~3,900 files (30 MB) of five sizes,
# committed before the server starts: the cache, with the profiles of what a pull does per
# file, saves ~0.4 s of a 170 MB pull's ~3.8 s (docs/benchmarks.md).
if [[ -n "$aot_java" ]]; then
    size=0
    for chunk in 1k 4k 12k 40k 160k; do
        mkdir -p "$scratch/pull-tree/$chunk"
        size=$((size + 2))
        head -c "${size}M" /dev/urandom | split -b "$chunk" - "$scratch/pull-tree/$chunk/f"
    done
    ln -s 1k "$scratch/pull-tree/link"
    java "${jvm[@]}" -cp "$cp" spk.cli.spfs.SpfsMain commit --path "$scratch/pull-tree" -t pull-training \
        </dev/null >/dev/null 2>&1 || true
fi
# a pull and a push through `spfs server`: gRPC, Netty, protobuf and HttpCore are a few thousand
# classes that no command above loads (read from their jars and verified, they were ~1 s of a
# pull's start under load). The server's own list is not kept: it is ended by a signal.
java "${jvm[@]}" -cp "$cp" spk.cli.spfs.SpfsMain server 127.0.0.1:0 127.0.0.1:0 </dev/null >"$scratch/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
    grep -q 'grpc://' "$scratch/server.log" && break
    sleep 0.1
done
address="$(grep -o 'grpc://[0-9.:]*' "$scratch/server.log" || true)"
if [[ -n "$address" ]]; then
    for run in "pull --from $address t" "push --to $address t"; do
        n=$((n + 1))
        read -r -a args <<<"$run"
        SPFS_STORAGE__ROOT="$scratch/pulled" java "${jvm[@]}" -XX:DumpLoadedClassList="$scratch/classes.$n" -cp "$cp" \
            spk.cli.spfs.SpfsMain "${args[@]}" </dev/null >/dev/null 2>&1 || true
    done
    # through the launcher, which gives the training run the options of the runs it serves
    if [[ -n "$aot_java" ]]; then
        SPFS_STORAGE__ROOT="$scratch/pull-trained" SPK_AOT_RECORD="$target/jspk-pull.aot" "$root/bin/spfs" pull \
            --from "$address" pull-training </dev/null >/dev/null 2>&1 || rm -f "$target/jspk-pull.aot"
    fi
fi
kill "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
# `spfs run` replaces itself with the command: its monitors remove the runtimes' records once
# the commands have exited, then exit; wait for that before the scratch repository goes
for _ in $(seq 100); do
    if ! compgen -G "$scratch/repo/tags/spfs/runtimes/meta/*.tag" >/dev/null \
        && ! pgrep -f "$target/jspk-cli.jar.* spk.cli.spfs.SpfsMain monitor " >/dev/null; then
        break
    fi
    sleep 0.1
done
for ((i = 1; i <= n; i++)); do
    kind="${run_kind[i]:-}"
    [[ -n "$kind" ]] || continue
    mkdir -p "$scratch/kind-$kind"
    for list in "$scratch/classes.$i" "$scratch/classes.m$i"; do
        [[ -f "$list" ]] && ln -s "$list" "$scratch/kind-$kind/"
    done
    [[ " ${kinds[*]} " == *" $kind "* ]] || kinds+=("$kind")
done
cat "$scratch"/classes.* | sort -u >"$scratch/classes.lst"
java -Xshare:dump -XX:SharedClassListFile="$scratch/classes.lst" -XX:SharedArchiveFile="$target/jspk.jsa" \
    -cp "$cp" >/dev/null 2>&1 || rm -f "$target/jspk.jsa"
for kind in "${kinds[@]}"; do
    cat "$scratch/kind-$kind"/* | sort -u >"$scratch/classes-$kind.lst"
    java -Xshare:dump -XX:SharedClassListFile="$scratch/classes-$kind.lst" -XX:SharedArchiveFile="$target/jspk-$kind.jsa" \
        -cp "$cp" >/dev/null 2>&1 || rm -f "$target/jspk-$kind.jsa"
done

# JDK 25's ahead-of-time cache for solves: one training run (it is written when the JVM exits,
# so never a command that replaces itself, as `spfs run` does)
if [[ -n "$aot_java" ]]; then
    # the commands of one training run, one per line, words separated by tabs
    printf '%s\t' explain -v --no-host -r "$catalog" greeter >"$scratch/training"
    if ((${#large[@]})); then
        printf '\n' >>"$scratch/training"
        printf '%s\t' "${large[@]}" >>"$scratch/training"
    fi
    sed -i 's/\t$//' "$scratch/training"
    "$aot_java" "${jvm[@]}" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
        -Xlog:aot=off -Xlog:cds=off -XX:AOTCacheOutput="$target/jspk.aot" -cp "$cp" spk.cli.spk.StartupTraining \
        "$scratch/training" </dev/null >/dev/null 2>&1 || rm -f "$target/jspk.aot"
    if [[ ! -f "$target/jspk.aot" && ! -f "$target/jspk-pull.aot" ]]; then
        rm -f "$target/aot-jdk"
    fi
fi
# where bin/spk and bin/spfs find themselves without a fork (they check it is their own folder)
printf '%s\n' "$root/bin" >"$target/bin-path"
ls "$target"/jspk.jsa "$target"/jspk-*.jsa "$target"/jspk*.aot 2>/dev/null | sed 's/^/recorded /' >&2 || true
