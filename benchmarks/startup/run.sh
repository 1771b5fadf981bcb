#!/usr/bin/env bash
# Start-up time of the command line: bin/spk --help as users run it (class-data sharing,
# serial GC, C1 only) against plain `java -cp ... SpkMain --help`, in one hyperfine run.
# Needs ./build-and-run.sh first (it records the class-data archives). Writes a markdown
# table to benchmarks/startup/result.md.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
target="$(pwd)/cli/target"
cp="$target/jspk-cli.jar"
for jar in $(LC_ALL=C ls "$target"/lib/*.jar); do cp="$cp:$jar"; done
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-markdown benchmarks/startup/result.md \
    -n "bin/spk --help" "bin/spk --help" \
    -n "bin/spk --help, no class-data archive" "env JAVA_OPTS=-Xshare:off bin/spk --help" \
    -n "java -cp … SpkMain --help (JVM defaults)" "java -cp $cp spk.cli.spk.SpkMain --help" \
    -n "java -version (JVM floor)" "java -Xshare:auto -version"
cat benchmarks/startup/result.md
