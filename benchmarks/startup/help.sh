#!/usr/bin/env bash
# The short commands (`spk --help`, `spfs --help`, `spfs version`) of this checkout and of another
# (say main's), side by side with the JVM's floor (`java -version`), in one hyperfine run:
#   benchmarks/startup/help.sh <other checkout>
# Both checkouts built and trained (mvn -q -DskipTests package, then bin/train-startup.sh). HOME is
# an empty folder, so no user configuration is read. Writes benchmarks/startup/result-help.md.
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
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-markdown benchmarks/startup/result-help.md "${args[@]}"
uptime
cat benchmarks/startup/result-help.md
