#!/usr/bin/env bash
# Start-up of the command line, in one hyperfine run: `bin/spk --help` and `bin/spfs version` as
# users run them (Java on PATH, the class-data archive of bin/train-startup.sh, serial GC, C1
# only), the same without the archive, and the JVM's floor (`java -version`) beside them; then a
# short solve (`spk explain` of packages/demo-catalog.yaml) on the JDK 25 AOT cache the launcher
# uses for solves, against the Java on PATH with the archive (SPK_NO_AOT=1).
# Needs ./build-and-run.sh (or mvn package + bin/train-startup.sh) first. HOME is an empty
# folder, so no user configuration is read. Writes markdown tables to benchmarks/startup/.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[[ -f cli/target/jspk.jsa ]] || { echo "run bin/train-startup.sh first" >&2; exit 2; }
HOME="$(mktemp -d)"
export HOME
trap 'rm -rf "$HOME"' EXIT
uptime
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-markdown benchmarks/startup/result.md \
    -n "bin/spk --help" "bin/spk --help" \
    -n "bin/spfs version" "bin/spfs version" \
    -n "bin/spk --help, no class-data archive" "env JAVA_OPTS=-Xshare:off bin/spk --help" \
    -n "java -version (JVM floor)" "java -Xshare:auto -version"
# what each class-data archive of bin/train-startup.sh costs before main: mapped at a random
# address and its pointers patched, in proportion to its size (the launchers pick the smallest
# that holds a command's classes)
archives=(-n "java -version, the JDK's own archive" "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version")
for jsa in cli/target/jspk-*.jsa cli/target/jspk.jsa; do
    [[ -f "$jsa" ]] || continue
    archives+=(-n "java -version, ${jsa##*/} ($(($(stat -c %s "$jsa") / 1048576)) MB)"
        "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -XX:SharedArchiveFile=$jsa -Xlog:cds=off -version")
done
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-markdown benchmarks/startup/result-archives.md "${archives[@]}"
catalog=packages/demo-catalog.yaml
if [[ -f cli/target/jspk.aot && -e cli/target/aot-jdk ]]; then
    hyperfine -N --warmup 2 --runs "${RUNS:-40}" --export-markdown benchmarks/startup/result-solve.md \
        -n "bin/spk explain (JDK 25, AOT cache)" "bin/spk explain --no-host -r $catalog greeter" \
        -n "bin/spk explain (Java on PATH, class-data archive)" "env SPK_NO_AOT=1 bin/spk explain --no-host -r $catalog greeter"
fi
uptime
cat benchmarks/startup/result*.md
