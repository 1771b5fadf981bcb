#!/usr/bin/env bash
# Commit and render of a ~9,000-file, ~200 MB tree (copies of /usr/share/doc and the Python
# standard library), this project's spfs side by side with its peers in one hyperfine run each:
#   commit: `spfs commit --path` against `ostree commit` into a bare ostree repository;
#   render: `spfs render --strategy HardLink` against `ostree checkout -H` and `cp -al`.
# Every run starts from an empty target (hyperfine --prepare). Installs hyperfine and ostree
# with apt-get if they are missing; builds the jars if needed. Results go to result-*.md here.
# WORK=/dir chooses where the trees and repositories go (default /var/tmp/spfs-bench, i.e. the
# disk); RUNS sets the number of timed runs (default 5).
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
rm -rf "$work"
mkdir -p "$work/tree"
py="$(ls -d /usr/lib/python3.[0-9]* | sort -V | tail -1)"
cp -a /usr/share/doc /usr/lib/python3 "$py" "$work/tree/"
files=$(find "$work/tree" -type f | wc -l)
links=$(find "$work/tree" -type l | wc -l)
dirs=$(find "$work/tree" -type d | wc -l)
size=$(du -sb "$work/tree" | cut -f1)
echo "tree: $files files, $links symlinks, $dirs directories, $((size / 1000000)) MB in $work ($(df -T "$work" | awk 'NR==2{print $2}'))"

spfs="env SPFS_STORAGE__ROOT=$work/spfs-repo $root/bin/spfs"
hyperfine --runs "$runs" --warmup 1 --export-markdown benchmarks/spfs/result-commit.md \
    -n "spfs commit --path" --prepare "rm -rf $work/spfs-repo; sync" "$spfs commit --path $work/tree" \
    -n "ostree commit (bare repo)" \
    --prepare "rm -rf $work/ostree-repo && ostree --repo=$work/ostree-repo init --mode=bare; sync" \
    "ostree --repo=$work/ostree-repo commit --branch=bench --tree=dir=$work/tree"

# the same commit again into the repository that already holds everything
$spfs commit --path "$work/tree" -t bench >/dev/null
hyperfine --runs "$runs" --warmup 1 --export-markdown benchmarks/spfs/result-recommit.md \
    -n "spfs commit --path, all data present" "$spfs commit --path $work/tree"

ostree --repo="$work/ostree-repo" commit --branch=bench --tree=dir="$work/tree" >/dev/null
# a first render creates the per-user proxies; the timed ones reuse them, as renders do
$spfs render --strategy HardLink bench "$work/out" >/dev/null
hyperfine --runs "$runs" --warmup 1 --export-markdown benchmarks/spfs/result-render.md \
    -n "cp -al" --prepare "rm -rf $work/out; sync" "cp -al $work/tree $work/out" \
    -n "ostree checkout -H" --prepare "rm -rf $work/out; sync" "ostree --repo=$work/ostree-repo checkout -H bench $work/out" \
    -n "spfs render --strategy HardLink" --prepare "rm -rf $work/out; sync" "$spfs render --strategy HardLink bench $work/out" \
    -n "spfs render (Copy)" --prepare "rm -rf $work/out; sync" "$spfs render bench $work/out"

# how close commit gets to hashing speed: SHA-256 of the same bytes in this JVM, one core
java -cp cli/target/jspk-cli.jar:"$(ls cli/target/lib/*.jar | tr '\n' ':')" benchmarks/spfs/Sha256Rate.java
cat benchmarks/spfs/result-commit.md benchmarks/spfs/result-recommit.md benchmarks/spfs/result-render.md
rm -rf "$work"
