#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the main job.
#   1. builds every module (tests are run by ./run-tests.sh),
#   2. records class-data-sharing archives so bin/spk and bin/spfs start faster,
#   3. runs the main job: for now `spk version`, until the solver and runtime land.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

# dependency folders are copied, never pruned: drop them so a changed version leaves no stale jar
rm -rf cli/target/lib benchmarks/target/lib
mvn -B -q -ntp -DskipTests package

target="$(pwd)/cli/target"
cp="$target/jspk-cli.jar"
for jar in $(LC_ALL=C ls "$target"/lib/*.jar); do
    cp="$cp:$jar"
done
rm -f "$target"/spk.jsa "$target"/spfs.jsa
java -XX:ArchiveClassesAtExit="$target/spk.jsa" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "$cp" spk.cli.spk.SpkMain --help >/dev/null 2>&1 || true
# spfs: a static archive of the classes a typical session loads (commit, render, ls, tags, push,
# check, clean), gathered from real runs against a scratch repository
scratch="$(mktemp -d)"
mkdir -p "$scratch/src/d" && echo hello >"$scratch/src/d/f" && ln -s d/f "$scratch/src/l"
for args in "--help" "commit --path $scratch/src -t t" "render --strategy HardLink t $scratch/out" "ls -R t" \
    "tags" "log t" "info t" "push --to $scratch/origin?create=true t" "check" "clean --dry-run" "runtime list" \
    "runtime prune --stale"; do
    # shellcheck disable=SC2086
    SPFS_STORAGE__ROOT="$scratch/repo" java -XX:DumpLoadedClassList="$scratch/classes.$RANDOM" \
        -cp "$cp" spk.cli.spfs.SpfsMain $args >/dev/null 2>&1 || true
done
cat "$scratch"/classes.* 2>/dev/null | sort -u >"$scratch/classes.lst"
java -Xshare:dump -XX:SharedClassListFile="$scratch/classes.lst" -XX:SharedArchiveFile="$target/spfs.jsa" \
    -cp "$cp" >/dev/null 2>&1 || true
rm -rf "$scratch"

bin/spk version
