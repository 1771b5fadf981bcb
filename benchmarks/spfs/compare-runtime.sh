#!/usr/bin/env bash
# Two builds side by side in one hyperfine run: `spfs version`, `spk --help`, `spfs run` of one
# and of ten rendered layers, `spk env` of a 2-package environment and its solve alone, each
# command of the baseline next to the same command of this checkout, so that both see the same
# load. Usage (as root): benchmarks/spfs/compare-runtime.sh /path/to/baseline-checkout
# Both checkouts must be built, with their class-data archives trained (bin/train-startup.sh).
# The stack and packages are made as in run-runtime.sh (by this checkout) and used by both.
# Results: result-compare.md here; hyperfine's User + System is the figure to compare when the
# machine is shared (wall times move with the load, printed before and after).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
root="$(pwd)"
base="$(readlink -f "${1:?usage: $0 BASELINE_CHECKOUT}")"
command -v hyperfine >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyperfine; }
[[ $(id -u) == 0 ]] || { echo "run as root: spfs run mounts" >&2; exit 2; }
work="${WORK:-/var/tmp/spfs-compare-bench}"
runs="${RUNS:-20}"
rm -rf "$work"
mkdir -p "$work"
export SPFS_STORAGE__ROOT="$work/repo" XDG_CONFIG_HOME="$work/no-config" HOME="$work/home"
mkdir -p "$HOME"
# shellcheck source=benchmarks/spfs/runtime-stack.sh
source "$root/benchmarks/spfs/runtime-stack.sh"
ref="$(make_stack "$work" "$root/bin/spfs")"
"$root/bin/spk" build "$root/packages/stdfs/stdfs.spk.yaml" >/dev/null
"$root/bin/spk" build "$root/packages/hello/hello.spk.yaml" >/dev/null
"$root/bin/spfs" run "$ref" -- true
"$base/bin/spk" env hello -o greeting=hi -- true
wait_monitors='while pgrep -f "[S]pfsMain monitor --runtime" >/dev/null; do sleep 0.02; done'
args=()
for c in "spfs version" "spk --help" "spfs run bench/l0 -- true" "spfs run $ref -- true" \
    "spk env hello -o greeting=hi -- true" "spk env --dry-run hello -o greeting=hi"; do
    name="${c/$ref/<10 layers>}"
    name="${name/bench\/l0/<1 layer>}"
    args+=(-n "base: $name" "$base/bin/$c" -n "this: $name" "$root/bin/$c")
done
# the JVM's floor, with the launchers' collector and compiler choices, in the same run
args+=(-n "java -version (JVM floor)" "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version")
uptime
hyperfine -N --warmup 3 --runs "$runs" --prepare "sh -c '$wait_monitors'" \
    --export-markdown "$root/benchmarks/spfs/result-compare.md" "${args[@]}"
uptime
cat "$root/benchmarks/spfs/result-compare.md"
rm -rf "$work"
