#!/usr/bin/env bash
# Two builds of spk side by side on a loaded machine: each cold command of the studio benchmark
# run by one, then by the other, ROUNDS times, interleaved so both see the same load; prints the
# wall clock and the CPU time (user+sys) of every run, then the minimum and median of each.
#   benchmarks/studio/compare.sh "A-COMMAND" "B-COMMAND"
# where each command is an spk launcher, e.g. bin/spk of two clones. Needs the catalogs of
# run.sh ($CATALOG, $BIGCAT) and the benchmarks module built (for the request lists).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
a="$1" b="$2"
catalog="${CATALOG:-/tmp/spk-studio-catalog}"
bigcat="${BIGCAT:-/tmp/spk-bench-catalog}"
cp="benchmarks/target/jspk-benchmarks.jar"
for jar in benchmarks/target/lib/*.jar; do cp="$cp:$jar"; done
opts="--no-host $(java -cp "$cp" spk.bench.studio.StudioCatalog --options)"
big="$(java -cp "$cp" spk.bench.solver.SolveRun --print-requests 5000 30)"
cases=("toolset|explain -r $catalog $opts nuke-toolset/2024"
    "unsat|explain -r $catalog $opts nuke-toolset/2024 studio-nextgen"
    "5000x30|explain -r $bigcat $big")
uptime
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for ((i = 1; i <= ${ROUNDS:-5}; i++)); do
    for c in "${cases[@]}"; do
        name="${c%%|*}" args="${c#*|}"
        for side in A B; do
            cmd="$a"
            [[ $side == B ]] && cmd="$b"
            # shellcheck disable=SC2086
            /usr/bin/time -f "$name $side %e %U %S" -a -o "$out" $cmd $args >/dev/null 2>&1 || true
        done
    done
done
uptime
awk 'NF == 5 { printf "%-8s %s wall %6.2f s  cpu %6.2f s\n", $1, $2, $3, $4 + $5 }' "$out"
echo "min / median (wall; cpu):"
for c in "${cases[@]}"; do
    name="${c%%|*}"
    for side in A B; do
        awk -v n="$name" -v s="$side" '$1 == n && $2 == s { print $3, $4 + $5 }' "$out" | sort -n > "$out.w"
        awk '{ print $2 }' "$out.w" | sort -n > "$out.c"
        printf "%-8s %s wall %s / %s s; cpu %s / %s s\n" "$name" "$side" "$(head -1 "$out.w" | cut -d' ' -f1)" \
            "$(awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }' "$out.w")" "$(head -1 "$out.c")" \
            "$(awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }' "$out.c")"
    done
done
rm -f "$out.w" "$out.c"
