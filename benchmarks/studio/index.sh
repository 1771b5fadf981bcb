#!/usr/bin/env bash
# The studio catalog with and without its repository index (docs/repo-index.md), side by side:
#   1. `spk repo index` of the catalog (a copy, so the other copy stays without an index);
#   2. in one JVM each: load, then the first solve of each request set, with the answers'
#      fingerprints (they must be the same with and without the index);
#   3. from a cold command line (hyperfine), `spk explain` of a toolset and of the unsatisfiable
#      set, each against both copies, interleaved.
# Needs ./build-and-run.sh first. The catalog is written once to $CATALOG (default /tmp/spk-studio-catalog).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
catalog="${CATALOG:-/tmp/spk-studio-catalog}"
indexed="${catalog}-indexed"
cp="benchmarks/target/jspk-benchmarks.jar"
for jar in benchmarks/target/lib/*.jar; do cp="$cp:$jar"; done
if [[ ! -d "$catalog" ]]; then
    java -cp "$cp" spk.bench.studio.StudioCatalog "$catalog" 11
fi
rm -f "$catalog/.spk-repo-index"
rm -rf "$indexed"
cp -a "$catalog" "$indexed"
uptime
echo "== spk repo index"
/usr/bin/time -f "%e s wall, %U s user, %S s sys" bin/spk repo index -r "$indexed"
sets=(nuke-2024 katana-2024 houdini-2025 maya-2023 nuke-2024-unsat)
for c in "$catalog" "$indexed" "$catalog" "$indexed"; do
    echo "== in one JVM, $c (first solves)"
    /usr/bin/time -f "process: %e s wall, %U s user" java -cp "$cp" spk.bench.studio.StudioRun "$c" SAT4J 0 "${sets[@]}" \
        2>&1 | grep -E "load and index|first 0|fingerprint|process" | cut -c1-120
done
echo "== cold command line"
opts="--no-host $(java -cp "$cp" spk.bench.studio.StudioCatalog --options)"
# shellcheck disable=SC2086
hyperfine -N -w 1 -r "${RUNS:-5}" -i \
    -n "explain nuke-toolset/2024, specs" "bin/spk explain -r $catalog $opts nuke-toolset/2024" \
    -n "explain nuke-toolset/2024, index" "bin/spk explain -r $indexed $opts nuke-toolset/2024" \
    -n "explain unsatisfiable, specs" "bin/spk explain -r $catalog $opts nuke-toolset/2024 studio-nextgen" \
    -n "explain unsatisfiable, index" "bin/spk explain -r $indexed $opts nuke-toolset/2024 studio-nextgen"
