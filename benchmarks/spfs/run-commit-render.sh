#!/usr/bin/env bash
# Commit and render of a ~9,000-file, ~200 MB tree (copies of /usr/share/doc and the Python
# standard library), this project's spfs side by side with its peers in one hyperfine run each:
#   commit: `spfs commit --path` against `ostree commit` into a bare ostree repository;
#   render: `spfs render --strategy HardLink` against `ostree checkout -H` and `cp -al`.
# Every run starts from an empty target (hyperfine --prepare). Installs hyperfine and ostree
# with apt-get if they are missing; builds the jars if needed. Results go to result-*.md here.
# The trees and repositories live on a fresh ext4 file system in a loop-mounted image (as root;
# else in WORK on whatever file system that is): ext4 slows inode allocation for a few minutes
# after many deletions, which would otherwise make each run pay for the previous run's cleanup.
# For the same reason runs move old results aside instead of deleting them.
# WORK=/dir chooses where (default /var/tmp/spfs-bench); RUNS the number of timed runs (default 5);
# BASELINE=/other/checkout (built, with its own bin/spfs) adds that build's commit and render
# beside this one's in the same hyperfine runs, for before/after figures.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
root="$(pwd)"
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v ostree >/dev/null || need+=(ostree)
if ((${#need[@]})); then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi
[[ -f cli/target/jspk-cli.jar ]] || mvn -B -q -ntp -DskipTests package

work="${WORK:-/var/tmp/spfs-bench}"
runs="${RUNS:-5}"
umount "$work" 2>/dev/null || true
rm -rf "$work" "$work.img"
mkdir -p "$work"
if [[ $(id -u) == 0 ]] && command -v mkfs.ext4 >/dev/null; then
    truncate -s 8G "$work.img"
    mkfs.ext4 -q -F "$work.img"
    mount -o loop "$work.img" "$work"
    trap 'cd /; umount "$work"; rm -f "$work.img"; rm -rf "$work"' EXIT
fi
mkdir -p "$work/tree" "$work/trash"
aside() { echo "if [ -e $1 ]; then mv $1 $work/trash/\$(date +%s%N); fi; sync"; }
py="$(ls -d /usr/lib/python3.[0-9]* | sort -V | tail -1)"
cp -a /usr/share/doc /usr/lib/python3 "$py" "$work/tree/"
files=$(find "$work/tree" -type f | wc -l)
links=$(find "$work/tree" -type l | wc -l)
dirs=$(find "$work/tree" -type d | wc -l)
size=$(du -sb "$work/tree" | cut -f1)
echo "tree: $files files, $links symlinks, $dirs directories, $((size / 1000000)) MB in $work ($(df -T "$work" | awk 'NR==2{print $2}'))"

spfs="env SPFS_STORAGE__ROOT=$work/spfs-repo $root/bin/spfs"
baseline_commit=()
baseline_render=()
if [[ -n "${BASELINE:-}" ]]; then
    base="env SPFS_STORAGE__ROOT=$work/spfs-repo $BASELINE/bin/spfs"
    baseline_commit=(-n "spfs commit --path (BASELINE)" --prepare "$(aside $work/spfs-repo)" "$base commit --path $work/tree")
    baseline_render=(-n "spfs render --strategy HardLink (BASELINE)" --prepare "$(aside $work/out)"
        "$base render --strategy HardLink bench $work/out")
fi
hyperfine --runs "$runs" --warmup 1 --export-markdown benchmarks/spfs/result-commit.md \
    -n "spfs commit --path" --prepare "$(aside $work/spfs-repo)" "$spfs commit --path $work/tree" \
    "${baseline_commit[@]}" \
    -n "ostree commit (bare repo)" \
    --prepare "$(aside $work/ostree-repo); ostree --repo=$work/ostree-repo init --mode=bare" \
    "ostree --repo=$work/ostree-repo commit --branch=bench --tree=dir=$work/tree"

# the same commit again into the repository that already holds everything
$spfs commit --path "$work/tree" -t bench >/dev/null
hyperfine --runs "$runs" --warmup 1 --export-markdown benchmarks/spfs/result-recommit.md \
    -n "spfs commit --path, all data present" "$spfs commit --path $work/tree"

ostree --repo="$work/ostree-repo" commit --branch=bench --tree=dir="$work/tree" >/dev/null
# a first render creates the per-user proxies; the timed ones reuse them, as renders do
$spfs render --strategy HardLink bench "$work/out" >/dev/null
mv "$work/out" "$work/trash/first-render"
hyperfine --runs "$runs" --warmup 1 --export-markdown benchmarks/spfs/result-render.md \
    -n "cp -al" --prepare "$(aside $work/out)" "cp -al $work/tree $work/out" \
    -n "ostree checkout -H" --prepare "$(aside $work/out)" "ostree --repo=$work/ostree-repo checkout -H bench $work/out" \
    -n "spfs render --strategy HardLink" --prepare "$(aside $work/out)" "$spfs render --strategy HardLink bench $work/out" \
    "${baseline_render[@]}" \
    -n "spfs render (Copy)" --prepare "$(aside $work/out)" "$spfs render bench $work/out"

# how close commit gets to hashing speed: SHA-256 of the same bytes in this JVM, one core
java -cp cli/target/jspk-cli.jar:"$(ls cli/target/lib/*.jar | tr '\n' ':')" benchmarks/spfs/Sha256Rate.java
cat benchmarks/spfs/result-commit.md benchmarks/spfs/result-recommit.md benchmarks/spfs/result-render.md
