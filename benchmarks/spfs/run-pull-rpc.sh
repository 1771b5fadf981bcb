#!/usr/bin/env bash
# Pull of a ~200 MB, ~8,500-file layer (copies of /usr/share/doc and the Python standard library)
# through `spfs server` over loopback, side by side in one hyperfine run with `rsync -a` of the
# same tree between two folders (also followed by `sync -f`, since a pull makes what it copies
# durable and rsync does not), and with a pull from the same repository as a folder (file:).
# Each run starts from an empty target (hyperfine --prepare moves the last one aside). Installs
# hyperfine and rsync with apt-get if they are missing; builds the jars if needed. Results go to
# result-pull-rpc.md here. As root, everything lives on a fresh ext4 file system in a loop-mounted
# image (see run-commit-render.sh for why); else in WORK.
# WORK=/dir chooses where (default /var/tmp/spfs-pull-bench); RUNS the number of timed runs (default 5);
# BASELINE=/other/checkout (built, with its own bin/spfs) adds that build's two pulls beside this
# one's in the same hyperfine run (the server is this checkout's), for before/after figures.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
root="$(pwd)"
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rsync >/dev/null || need+=(rsync)
if ((${#need[@]})); then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi
[[ -f cli/target/jspk-cli.jar ]] || mvn -B -q -ntp -DskipTests package

work="${WORK:-/var/tmp/spfs-pull-bench}"
runs="${RUNS:-5}"
umount "$work" 2>/dev/null || true
rm -rf "$work" "$work.img"
mkdir -p "$work"
server=""
cleanup() {
    # the server's exit status after SIGTERM is not 0: under set -e it must not end the clean-up
    if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    cd /
    if mountpoint -q "$work"; then umount "$work"; rm -f "$work.img"; fi
    rm -rf "$work"
}
trap cleanup EXIT
if [[ $(id -u) == 0 ]] && command -v mkfs.ext4 >/dev/null; then
    truncate -s 8G "$work.img"
    mkfs.ext4 -q -F "$work.img"
    mount -o loop "$work.img" "$work"
fi
mkdir -p "$work/tree" "$work/trash"
aside() { echo "if [ -e $1 ]; then mv $1 $work/trash/\$(date +%s%N); fi; sync"; }
py="$(ls -d /usr/lib/python3.[0-9]* | sort -V | tail -1)"
cp -a /usr/share/doc /usr/lib/python3 "$py" "$work/tree/"
files=$(find "$work/tree" -type f | wc -l)
size=$(du -sb "$work/tree" | cut -f1)
echo "tree: $files files, $((size / 1000000)) MB in $work ($(df -T "$work" | awk 'NR==2{print $2}'))"

export HOME="$work"
SPFS_STORAGE__ROOT="$work/origin" bin/spfs commit --path "$work/tree" -t bench >/dev/null
SPFS_STORAGE__ROOT="$work/origin" bin/spfs server 127.0.0.1:0 127.0.0.1:0 >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q 'grpc://' "$work/server.log" && break; sleep 0.1; done
address=$(grep -o 'grpc://[0-9.:]*' "$work/server.log")
echo "server: $(cat "$work/server.log")"

spfs="env SPFS_STORAGE__ROOT=$work/local $root/bin/spfs"
baseline=()
if [[ -n "${BASELINE:-}" ]]; then
    base="env SPFS_STORAGE__ROOT=$work/local $BASELINE/bin/spfs"
    baseline=(-n "spfs pull --from grpc://127.0.0.1 (spfs server), BASELINE" --prepare "$(aside $work/local)"
        "$base pull --from $address bench"
        -n "spfs pull --from file:ORIGIN, BASELINE" --prepare "$(aside $work/local)" "$base pull --from file:$work/origin bench")
fi
hyperfine --runs "$runs" --warmup 1 --export-markdown benchmarks/spfs/result-pull-rpc.md \
    -n "rsync -a TREE/ OUT/" --prepare "$(aside $work/out)" "rsync -a $work/tree/ $work/out/" \
    -n "rsync -a TREE/ OUT/ && sync -f OUT (durable, as a pull is)" --prepare "$(aside $work/out)" \
    "rsync -a $work/tree/ $work/out/ && sync -f $work/out" \
    -n "spfs pull --from grpc://127.0.0.1 (spfs server)" --prepare "$(aside $work/local)" \
    "$spfs pull --from $address bench" \
    -n "spfs pull --from file:ORIGIN (the same repository as a folder)" --prepare "$(aside $work/local)" \
    "$spfs pull --from file:$work/origin bench" \
    "${baseline[@]}"
$spfs check >/dev/null
cat benchmarks/spfs/result-pull-rpc.md
