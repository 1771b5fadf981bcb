#!/usr/bin/env bash
# CPU (user + system) and wall time of one command of two checkouts, run alternately N times
# (baseline, this, baseline, this...), so that both meet the same load on a shared machine;
# prints the median and minimum of each. Waits for runtime monitors between runs (spfs run).
# Usage: benchmarks/startup/alternate.sh BASELINE_CHECKOUT N spfs|spk ARGS...
# e.g.   benchmarks/startup/alternate.sh ../main 15 spk --help
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
root="$(pwd)"
base="$(readlink -f "${1:?usage: $0 BASELINE_CHECKOUT N COMMAND ARGS...}")"
n="${2:?N}"
shift 2
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
uptime
for _ in $(seq "$n"); do
    for which in base this; do
        dir="$root"
        [[ "$which" == base ]] && dir="$base"
        while pgrep -f "[S]pfsMain monitor --runtime" >/dev/null; do sleep 0.02; done
        /usr/bin/time -f "$which %e %U %S" -a -o "$out" "$dir/bin/$1" "${@:2}" >/dev/null 2>&1 || true
    done
done
uptime
python3 - "$out" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 4:
        runs.setdefault(f[0], []).append((float(f[1]) * 1000, (float(f[2]) + float(f[3])) * 1000))
for which, v in runs.items():
    wall = [w for w, _ in v]
    cpu = [c for _, c in v]
    print(f"{which}: {len(v)} runs; CPU median {statistics.median(cpu):.0f} ms, min {min(cpu):.0f} ms;"
          f" wall median {statistics.median(wall):.0f} ms, min {min(wall):.0f} ms")
PY
