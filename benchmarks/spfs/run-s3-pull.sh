#!/usr/bin/env bash
# Pull of a ~9,000-file, ~200 MB layer (copies of /usr/share/doc and the Python standard library,
# as run-commit-render.sh) from an s3:// repository on S3Proxy over loopback, side by side in one
# hyperfine run with `rsync -a` of the same tree between two folders, and with a pull of the same
# layer from a folder repository. Every run starts from an empty destination (hyperfine --prepare).
# S3Proxy 2.6.0 (jclouds' filesystem provider) runs from benchmarks/target/s3proxy-lib, its
# buckets on the same file system as everything else. Installs hyperfine and rsync with apt-get if
# missing; builds the jars if needed. Results go to result-s3-pull.md here.
# WORK=/dir chooses where (default /var/tmp/spfs-s3-bench); RUNS the number of timed runs
# (default 5); SPFS_SYNC_MAX_CONCURRENT_PAYLOADS the pull's parallel downloads (default 4 per core);
# BASELINE=/other/checkout (built, with its own bin/spfs) adds that build's pulls beside this one's.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
root="$(pwd)"
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rsync >/dev/null || need+=(rsync)
if ((${#need[@]})); then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi
[[ -f cli/target/jspk-cli.jar && -d benchmarks/target/s3proxy-lib ]] || mvn -B -q -ntp -DskipTests package

work="${WORK:-/var/tmp/spfs-s3-bench}"
runs="${RUNS:-5}"
umount "$work" 2>/dev/null || true
rm -rf "$work" "$work.img"
mkdir -p "$work"
s3pid=""
cleanup() {
    if [[ -n "$s3pid" ]]; then
        kill "$s3pid" 2>/dev/null || true
        wait "$s3pid" 2>/dev/null || true
    fi
    cd /
    if mountpoint -q "$work"; then umount "$work"; rm -f "$work.img"; fi
    rm -rf "$work"
}
trap cleanup EXIT
# a fresh ext4 file system, so that no run pays for the previous one's deletions (see run-commit-render.sh)
if [[ $(id -u) == 0 ]] && command -v mkfs.ext4 >/dev/null; then
    truncate -s 8G "$work.img"
    mkfs.ext4 -q -F "$work.img"
    mount -o loop "$work.img" "$work"
fi
mkdir -p "$work/tree" "$work/trash" "$work/s3/bench"
aside() { echo "if [ -e $1 ]; then mv $1 $work/trash/\$(date +%s%N); fi; sync"; }
py="$(ls -d /usr/lib/python3.[0-9]* | sort -V | tail -1)"
cp -a /usr/share/doc /usr/lib/python3 "$py" "$work/tree/"
files=$(find "$work/tree" -type f | wc -l)
size=$(du -sb "$work/tree" | cut -f1)
echo "tree: $files files, $((size / 1000000)) MB in $work ($(df -T "$work" | awk 'NR==2{print $2}'))"

# S3Proxy on a free loopback port
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-identity
s3proxy.credential=bench-credential
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3
PROPS
java -Xmx1g -cp "$root/benchmarks/target/s3proxy-lib/*" org.gaul.s3proxy.Main --properties "$work/s3proxy.properties" \
    >"$work/s3proxy.log" 2>&1 &
s3pid=$!
for _ in $(seq 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=bench-identity AWS_SECRET_ACCESS_KEY=bench-credential \
    AWS_REGION=us-east-1
origin="s3://bench/spfs"

src="env SPFS_STORAGE__ROOT=$work/src-repo $root/bin/spfs"
dest="env SPFS_STORAGE__ROOT=$work/dest-repo $root/bin/spfs"
$src commit --path "$work/tree" -t bench/layer >/dev/null
$src push bench/layer --to "$origin" >/dev/null
echo "pushed: $(find "$work/s3/bench/spfs/payloads" -type f | wc -l) payloads in $origin"

baseline=()
if [[ -n "${BASELINE:-}" ]]; then
    base="env SPFS_STORAGE__ROOT=$work/dest-repo $BASELINE/bin/spfs"
    baseline=(-n "spfs pull from s3://, BASELINE" --prepare "$(aside $work/dest-repo)" "$base pull bench/layer --from $origin"
        -n "spfs pull from a folder repository, BASELINE" --prepare "$(aside $work/dest-repo)"
        "$base pull bench/layer --from file:$work/src-repo")
fi
hyperfine --runs "$runs" --warmup 1 --export-markdown benchmarks/spfs/result-s3-pull.md \
    "${baseline[@]}" \
    -n "spfs pull from s3:// (S3Proxy, loopback)" --prepare "$(aside $work/dest-repo)" \
    "$dest pull bench/layer --from $origin" \
    -n "spfs pull from a folder repository" --prepare "$(aside $work/dest-repo)" \
    "$dest pull bench/layer --from file:$work/src-repo" \
    -n "rsync -a (folder to folder)" --prepare "$(aside $work/copy)" \
    "rsync -a $work/tree/ $work/copy/"
cat benchmarks/spfs/result-s3-pull.md
