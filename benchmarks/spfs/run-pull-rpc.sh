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
# one's in the same hyperfine run, through its own `spfs server` (serving the same origin), for
# before/after figures of client and server together.
# ROUNDS=N: instead of hyperfine (which runs all of one command, then all of the next, so a load
# that changes meanwhile favours one side), N rounds of every command in turn, each timed by
# /usr/bin/time; prints each run and the median wall, user and system time per command, and the
# CPU time (user + system) the servers spent meanwhile (the one a pull went through).
# SERVER_WARMUP=N (default 5): before anything is timed, N untimed pulls through each server, as
# a server that has been up for a while has had: its compiler settles over its first ~6 pulls
# (its CPU per pull 2.85 -> 0.91 s, docs/benchmarks.md, h-pull4); the client is cold every time.
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
base_server=""
cleanup() {
    # the server's exit status after SIGTERM is not 0: under set -e it must not end the clean-up
    # (started from a subshell, they are not this shell's children: wait for them to be gone)
    for pid in $server $base_server; do
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    done
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
# the last run's output moves aside, and the one before that is deleted (untimed, in hyperfine's
# --prepare): 8 GB hold two of each, not every run's
aside() { echo "rm -rf $work/trash/*; if [ -e $1 ]; then mv $1 $work/trash/\$(date +%s%N); fi; sync"; }
py="$(ls -d /usr/lib/python3.[0-9]* | sort -V | tail -1)"
cp -a /usr/share/doc /usr/lib/python3 "$py" "$work/tree/"
files=$(find "$work/tree" -type f | wc -l)
size=$(du -sb "$work/tree" | cut -f1)
echo "tree: $files files, $((size / 1000000)) MB in $work ($(df -T "$work" | awk 'NR==2{print $2}'))"

export HOME="$work"
SPFS_STORAGE__ROOT="$work/origin" bin/spfs commit --path "$work/tree" -t bench >/dev/null
# serve SPFS LOG: starts `SPFS server` on loopback for the origin; prints its pid, then its grpc:// address
serve() {
    SPFS_STORAGE__ROOT="$work/origin" "$1" server 127.0.0.1:0 127.0.0.1:0 >"$2" 2>&1 &
    local pid=$!
    for _ in $(seq 100); do grep -q 'grpc://' "$2" && break; sleep 0.1; done
    echo "$pid $(grep -o 'grpc://[0-9.:]*' "$2")"
}
read -r server address < <(serve bin/spfs "$work/server.log")
echo "server: $(cat "$work/server.log")"

spfs="env SPFS_STORAGE__ROOT=$work/local $root/bin/spfs"
names=("rsync -a TREE/ OUT/" "rsync -a TREE/ OUT/ && sync -f OUT (durable, as a pull is)"
    "spfs pull --from grpc://127.0.0.1 (spfs server)" "spfs pull --from file:ORIGIN (the same repository as a folder)")
targets=("$work/out" "$work/out" "$work/local" "$work/local")
commands=("rsync -a $work/tree/ $work/out/" "rsync -a $work/tree/ $work/out/ && sync -f $work/out"
    "$spfs pull --from $address bench" "$spfs pull --from file:$work/origin bench")
if [[ -n "${BASELINE:-}" ]]; then
    read -r base_server base_address < <(serve "$BASELINE/bin/spfs" "$work/server-baseline.log")
    echo "BASELINE server: $(cat "$work/server-baseline.log")"
    base="env SPFS_STORAGE__ROOT=$work/local $BASELINE/bin/spfs"
    names+=("spfs pull --from grpc://127.0.0.1 (spfs server), BASELINE" "spfs pull --from file:ORIGIN, BASELINE")
    targets+=("$work/local" "$work/local")
    commands+=("$base pull --from $base_address bench" "$base pull --from file:$work/origin bench")
fi
for _ in $(seq "${SERVER_WARMUP:-5}"); do
    for i in "${!commands[@]}"; do
        if [[ "${names[$i]}" == *"spfs server"* ]]; then
            bash -c "$(aside "${targets[$i]}")"
            bash -c "${commands[$i]}" >/dev/null
        fi
    done
done
if [[ -n "${ROUNDS:-}" ]]; then
    times="$work/times.tsv"
    : >"$times"
    # user + system CPU seconds of the servers so far, from /proc (fields 14 and 15, in ticks)
    servers_cpu() {
        local total=0 pid
        for pid in $server $base_server; do
            total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
        done
        echo "$total $(getconf CLK_TCK)" | awk '{printf "%.2f", $1 / $2}'
    }
    for round in $(seq 0 "$ROUNDS"); do
        for i in "${!commands[@]}"; do
            bash -c "$(aside "${targets[$i]}")"
            # round 0 is the warm-up (page cache, the servers' compilers), not counted
            before=$(servers_cpu)
            /usr/bin/time -f "%e %U %S" -o "$work/time.txt" bash -c "${commands[$i]}" >/dev/null
            served=$(echo "$before $(servers_cpu)" | awk '{printf "%.2f", $2 - $1}')
            if ((round > 0)); then
                echo "$i $(cat "$work/time.txt") $served" >>"$times"
                echo "round $round: ${names[$i]}: $(cat "$work/time.txt") $served (wall user system server-CPU), load $(cut -d' ' -f1 /proc/loadavg)"
            fi
        done
    done
    echo "| Command | Median wall [s] | Runs [s] | Median User [s] | Median System [s] | Median server CPU [s] |"
    echo "|:---|---:|:---|---:|---:|---:|"
    for i in "${!commands[@]}"; do
        awk -v i="$i" -v name="${names[$i]}" '
            $1 == i { n++; w[n] = $2; u[n] = $3; s[n] = $4; c[n] = $5; runs = runs (runs ? " " : "") $2 }
            function median(a, k, j, t, m) {
                for (k = 1; k <= n; k++) for (j = k + 1; j <= n; j++) if (a[j] < a[k]) { t = a[k]; a[k] = a[j]; a[j] = t }
                m = int((n + 1) / 2); return n % 2 ? a[m] : (a[m] + a[m + 1]) / 2
            }
            END { printf "| `%s` | %.2f | %s | %.2f | %.2f | %.2f |\n", name, median(w), runs, median(u), median(s), median(c) }' "$times"
    done
else
    args=()
    for i in "${!commands[@]}"; do
        args+=(-n "${names[$i]}" --prepare "$(aside "${targets[$i]}")" "${commands[$i]}")
    done
    hyperfine --runs "$runs" --warmup 1 --export-markdown benchmarks/spfs/result-pull-rpc.md "${args[@]}"
    cat benchmarks/spfs/result-pull-rpc.md
fi
$spfs check >/dev/null
