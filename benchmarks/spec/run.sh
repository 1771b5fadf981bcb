#!/usr/bin/env bash
# Load + render + validate 10,000 generated recipes (one in five a template) on one core:
# JMH throughput of SpecLoader.loadText, reported as recipes per second.
# Needs the benchmarks module packaged: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
cp="benchmarks/target/jspk-benchmarks.jar"
for jar in benchmarks/target/lib/*.jar; do cp="$cp:$jar"; done
exec taskset -c 0 java -cp "$cp" org.openjdk.jmh.Main RecipeLoadBenchmark \
    -wi "${WARMUPS:-3}" -w 5 -i "${ITERATIONS:-5}" -r 5 -f 1 "$@"
