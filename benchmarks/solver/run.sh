#!/usr/bin/env bash
# Solver benchmark on a generated 5,000-package catalog (~375,000 builds), both back ends:
#   1. in one JVM: load and index, the first solve and repeated (warm) solves of 30 requests,
#      then the same with two more requests that make it unsatisfiable (solve + explanation);
#   2. from a cold command line (hyperfine): bin/spk explain with the same requests.
# Needs ./build-and-run.sh first (bin/spk and the benchmarks module). The catalog is written
# once to $CATALOG (default /tmp/spk-bench-catalog).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
catalog="${CATALOG:-/tmp/spk-bench-catalog}"
cp="benchmarks/target/jspk-benchmarks.jar"
for jar in benchmarks/target/lib/*.jar; do cp="$cp:$jar"; done
if [[ ! -d "$catalog" ]]; then
    java -cp "$cp" spk.bench.solver.CatalogGenerator "$catalog" 5000 7
fi
requests="$(java -cp "$cp" spk.bench.solver.SolveRun --print-requests 5000 30)"
# pins a requested build and a version of its dependency that the build cannot use
conflict=(pkg-3985/=6.3.1 pkg-105/=2.0.0)

echo "== in one JVM (sat4j: 20 warm solves, cpsat: 3)"
java -cp "$cp" spk.bench.solver.SolveRun "$catalog" 30 SAT4J "${WARM:-20}"
java -cp "$cp" spk.bench.solver.SolveRun "$catalog" 30 CPSAT 3
echo "== unsatisfiable, explained"
java -cp "$cp" spk.bench.solver.SolveRun "$catalog" 30 SAT4J "${WARM:-20}" "${conflict[@]}"
java -cp "$cp" spk.bench.solver.SolveRun "$catalog" 30 CPSAT 3 "${conflict[@]}"

echo "== cold command line"
# shellcheck disable=SC2086
hyperfine -N -w 1 -r "${RUNS:-10}" -i \
    -n "spk explain (sat4j)" "bin/spk explain -r $catalog $requests" \
    -n "spk explain, unsatisfiable (sat4j)" "bin/spk explain -r $catalog $requests ${conflict[*]}" \
    -n "spk explain --solver cpsat" "bin/spk explain --solver cpsat -r $catalog $requests"
