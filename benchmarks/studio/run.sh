#!/usr/bin/env bash
# Solver benchmark on the studio-shaped catalog (spk.bench.studio.StudioCatalog, seed 11):
#   1. in one JVM: load, first and warm solves of each request set, Sat4j then CP-SAT;
#   2. from a cold command line (hyperfine): bin/spk explain of a 257-package toolset and of
#      the same toolset with a library that cannot coexist with its platform (unsatisfiable),
#      with the existing 5,000-package / 30-request solve beside them.
# Needs ./build-and-run.sh first (bin/spk and the benchmarks module). The catalog is written
# once to $CATALOG (default /tmp/spk-studio-catalog); the 5,000-package one to $BIGCAT.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
catalog="${CATALOG:-/tmp/spk-studio-catalog}"
bigcat="${BIGCAT:-/tmp/spk-bench-catalog}"
cp="benchmarks/target/jspk-benchmarks.jar"
for jar in benchmarks/target/lib/*.jar; do cp="$cp:$jar"; done
if [[ ! -d "$catalog" ]]; then
    java -cp "$cp" spk.bench.studio.StudioCatalog "$catalog" 11
fi
if [[ ! -d "$bigcat" ]]; then
    java -cp "$cp" spk.bench.solver.CatalogGenerator "$bigcat" 5000 7
fi
uptime
sets=(nuke-2024 katana-2024 houdini-2025 maya-2023 nuke-2024-unsat)
echo "== in one JVM, sat4j (${WARM:-60} warm solves each; "settled" is the second half of them)"
java -cp "$cp" spk.bench.studio.StudioRun "$catalog" SAT4J "${WARM:-60}" "${sets[@]}" | cut -c1-200
echo "== in one JVM, cpsat (2 warm solves each)"
java -cp "$cp" spk.bench.studio.StudioRun "$catalog" CPSAT 2 nuke-2024 nuke-2024-unsat | cut -c1-200

echo "== cold command line"
opts="--no-host $(java -cp "$cp" spk.bench.studio.StudioCatalog --options)"
big="$(java -cp "$cp" spk.bench.solver.SolveRun --print-requests 5000 30)"
# shellcheck disable=SC2086
hyperfine -N -w 1 -r "${RUNS:-5}" -i \
    -n "spk explain nuke-toolset/2024 (257 packages)" "bin/spk explain -r $catalog $opts nuke-toolset/2024" \
    -n "spk explain nuke-toolset/2024 studio-nextgen (unsatisfiable)" \
        "bin/spk explain -r $catalog $opts nuke-toolset/2024 studio-nextgen" \
    -n "spk explain, 5,000 packages, 30 requests" "bin/spk explain -r $bigcat $big"
