#!/usr/bin/env bash
# libc's binding alone, this checkout's next to a baseline's, one cold JVM per run (hyperfine):
# spk.bench.spfs.LibcBinding (benchmarks module) on each checkout's own cli class path, in the
# launchers' order and JVM options, without a class-data archive of our classes (neither
# checkout's archives cover the benchmark's class). Modes: bind (bind, one call), exec (bind, a
# failing mount, exec /bin/true as a launch ends), background (as exec, bound on its own thread).
# Usage (as root, for the mount): benchmarks/spfs/libc-binding.sh /path/to/baseline-checkout
# Both checkouts built; the benchmarks module built here (mvn -DskipTests package).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
root="$(pwd)"
base="$(readlink -f "${1:?usage: $0 BASELINE_CHECKOUT}")"
runs="${RUNS:-20}"
# shellcheck source=bin/launch.sh
source "$root/bin/launch.sh"
args=()
for mode in ${MODES:-bind exec}; do
    for side in base this; do
        checkout="$root"
        [[ $side == base ]] && checkout="$base"
        jspk_classpath "$checkout/cli/target"
        stub="$checkout/cli/target/jffi/jni/${HOSTTYPE:-x86_64}-Linux"
        args+=(-n "$side: $mode" "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-MaxFDLimit -Xshare:auto \
-Djffi.boot.library.path=$stub -cp $root/benchmarks/target/classes:$cp spk.bench.spfs.LibcBinding $mode")
    done
done
uptime
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$root/benchmarks/spfs/result-libc-binding.md" "${args[@]}"
uptime
cat "$root/benchmarks/spfs/result-libc-binding.md"
