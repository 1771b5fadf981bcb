#!/usr/bin/env bash
# Warm solves of two checkouts side by side: each runs StudioRun (load, a first solve, then
# REPEATS warm solves of each request set, in one JVM with bin/spk's JIT and collector flags),
# baseline first, ROUNDS times alternately so both meet the same load on a shared machine; prints
# the CPU time of the process per warm solve, min / median, the SAT calls and the fingerprint.
# Usage: benchmarks/studio/warm.sh BASELINE_CHECKOUT CATALOG [BACKEND [REPEATS [SET...]]]
# e.g.   ROUNDS=3 benchmarks/studio/warm.sh ../main /tmp/studio SAT4J 8 nuke-2024-unsat
# Both checkouts need the benchmarks module built (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
this="$(pwd)"
base="$(readlink -f "${1:?usage: $0 BASELINE_CHECKOUT CATALOG [BACKEND [REPEATS [SET...]]]}")"
catalog="$(readlink -f "${2:?CATALOG}")"
backend="${3:-SAT4J}" repeats="${4:-8}"
shift $(($# < 4 ? $# : 4))
sets=("$@")
[[ ${#sets[@]} -gt 0 ]] || sets=(nuke-2024-unsat)
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
uptime
for ((i = 1; i <= ${ROUNDS:-2}; i++)); do
    for side in base this; do
        dir="$this"
        [[ $side == base ]] && dir="$base"
        (cd "$dir" && java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
            -cp "benchmarks/target/jspk-benchmarks.jar:benchmarks/target/lib/*" spk.bench.studio.StudioRun \
            "$catalog" "$backend" "$repeats" "${sets[@]}") | sed "s/^/$side /" >>"$out"
    done
done
uptime
for set in "${sets[@]}"; do
    for side in base this; do
        awk -v s="$side" -v set="$set" '$1 == s && $2 == set && $3 == "warm" {
                sub(/.*\(cpu /, "", $0); split($0, a, " "); print a[1] }' "$out" | sort -n >"$out.c"
        calls="$(awk -v s="$side" -v set="$set" '$1 == s && $2 == set && $3 == "warm" {
                match($0, /satCalls=[0-9]+/); print substr($0, RSTART + 9, RLENGTH - 9); exit }' "$out")"
        fp="$(awk -v s="$side" -v set="$set" '$1 == s && $2 == set && /fingerprint/ { print $5; exit }' "$out")"
        printf "%-18s %s cpu per warm solve %s / %s ms (min / median of %s), %s SAT calls, answer %s\n" "$set" \
            "$side" "$(head -1 "$out.c")" "$(awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }' "$out.c")" \
            "$(wc -l <"$out.c")" "$calls" "$fp"
    done
done
rm -f "$out.c"
