#!/usr/bin/env bash
# The short commands (`spk --help`, `spfs --help`, `spfs version`) of this checkout and of another
# (say main's), side by side with the JVM's floor (`java -version`), in one hyperfine run:
#   benchmarks/startup/help.sh <other checkout>
# Both checkouts built and trained (mvn -q -DskipTests package, then bin/train-startup.sh). HOME is
# an empty folder, so no user configuration is read. Writes benchmarks/startup/result-help.md: mean,
# min and the CPU time (User + System, the steadier figure on a shared machine), in ms.
set -euo pipefail
base="$(readlink -f "${1:?usage: help.sh <other checkout>}")"
cd "$(dirname "$(readlink -f "$0")")/../.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
for checkout in "$base" "$PWD"; do
    [[ -f "$checkout/cli/target/jspk-short.jsa" ]] || { echo "run bin/train-startup.sh in $checkout first" >&2; exit 2; }
done
HOME="$(mktemp -d)"
export HOME
trap 'rm -rf "$HOME"' EXIT
uptime
args=(-n "java -version (JVM floor)" "java -version")
for command in "spk --help" "spfs --help" "spfs version"; do
    args+=(-n "$command, other" "$base/bin/$command" -n "$command, this" "$PWD/bin/$command")
done
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$HOME/result.json" "${args[@]}" >/dev/null
uptime
python3 - "$HOME/result.json" >benchmarks/startup/result-help.md <<'PY'
import json, sys
print("| command | mean ± σ [ms] | min [ms] | User + System [ms] |")
print("|:---|---:|---:|---:|")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"| `{r['command']}` | {r['mean'] * 1e3:.1f} ± {r['stddev'] * 1e3:.1f} | {r['min'] * 1e3:.1f} | {(r['user'] + r['system']) * 1e3:.0f} |")
PY
cat benchmarks/startup/result-help.md
