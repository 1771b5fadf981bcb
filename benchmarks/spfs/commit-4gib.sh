#!/usr/bin/env bash
# Commits a 4 GiB file with a 256 MB heap and reports the peak resident memory: commit streams
# files through the hasher, so memory does not grow with file size. The file is sparse with a
# little data at both ends (fast to make; the payload written is a real 4 GiB file).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
[[ -f cli/target/jspk-cli.jar ]] || mvn -B -q -ntp -DskipTests package
work="${WORK:-/var/tmp/spfs-4gib}"
rm -rf "$work"
mkdir -p "$work/src"
truncate -s 4G "$work/src/big.bin"
printf 'start' | dd of="$work/src/big.bin" conv=notrunc status=none
printf 'end' | dd of="$work/src/big.bin" bs=1 seek=$((4 * 1024 * 1024 * 1024 - 3)) conv=notrunc status=none
/usr/bin/time -f "elapsed %e s, peak RSS %M KiB" env JAVA_OPTS=-Xmx256m SPFS_STORAGE__ROOT="$work/repo" \
    bin/spfs commit --path "$work/src" -t big
SPFS_STORAGE__ROOT="$work/repo" bin/spfs ls -l big
ls -l "$work"/repo/payloads/*/
expected="$(sha256sum "$work/src/big.bin" | cut -d' ' -f1)"
echo "sha256sum of the source: $expected"
rm -rf "$work"
