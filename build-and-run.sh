#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the main job.
#   1. builds every module (tests are run by ./run-tests.sh),
#   2. records class-data-sharing archives so bin/spk and bin/spfs start faster,
#   3. runs the main job: for now `spk version`, until the solver and runtime land.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

mvn -B -q -ntp -DskipTests package

target="$(pwd)/cli/target"
cp="$target/jspk-cli.jar"
for jar in $(LC_ALL=C ls "$target"/lib/*.jar); do
    cp="$cp:$jar"
done
rm -f "$target"/spk.jsa "$target"/spfs.jsa
java -XX:ArchiveClassesAtExit="$target/spk.jsa" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "$cp" spk.cli.spk.SpkMain --help >/dev/null 2>&1 || true
java -XX:ArchiveClassesAtExit="$target/spfs.jsa" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "$cp" spk.cli.spfs.SpfsMain --help >/dev/null 2>&1 || true

bin/spk version
