#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the main job.
#   1. builds every module (tests are run by ./run-tests.sh),
#   2. records class-data-sharing archives (and a JDK 25 AOT cache) so bin/spk and bin/spfs start faster,
#   3. runs the main job: builds some of our packages under packages/ with `spk build` (a source
#      package, then the binaries built from it) into a scratch local spfs repository, runs a test
#      stage with `spk test`, and enters `spk env` with them (after a short solver demo on
#      packages/demo-catalog.yaml: a conflict explained), then deprecates and removes one and
#      lets `spfs clean` free its files.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

# dependency folders are copied, never pruned: drop them so a changed version leaves no stale jar
rm -rf cli/target/lib cli/target/lib-s3 benchmarks/target/lib benchmarks/target/s3proxy-lib
# Maven 3.8 (Debian's) writes colour resets (ESC[0m) even in batch mode with style.color=never: strip
# them, so a log or a terminal sees plain text (pipefail keeps Maven's exit status)
mvn -B -q -ntp -Dstyle.color=never -DskipTests package 2>&1 | sed 's/\x1b\[[0-9;]*m//g'

# what the commands load, recorded so they start faster: a class-data archive for the Java on
# PATH and, where a JDK 25 is installed, its ahead-of-time cache (see bin/train-startup.sh)
bin/train-startup.sh

bin/spk version
catalog=packages/demo-catalog.yaml
echo
echo "== bin/spk explain -r $catalog greeter hello/1.1   (no solution: why)"
bin/spk explain --no-host -r "$catalog" greeter hello/1.1 || true
echo
echo "== bin/spk build packages/*: our recipes built into a scratch local spfs repository"
echo "   (each build: its source package NAME/VERSION/src, then every variant from it)"
demo="$(mktemp -d)"
export SPFS_STORAGE__ROOT="$demo/local"
if bin/spk build packages/stdfs/stdfs.spk.yaml && bin/spk build packages/hello/hello.spk.yaml \
    && bin/spk build packages/greeter/greeter.spk.yaml -o version=1.0.0; then
    echo
    echo "== a C library and a program linked against it, compiled by the host's gcc"
    echo "   bin/spk make-source packages/libgreet/libgreet.spk.yaml; bin/spk make-binary libgreet/1.0.0"
    bin/spk make-source packages/libgreet/libgreet.spk.yaml
    bin/spk make-binary libgreet/1.0.0
    bin/spk build packages/shout/shout.spk.yaml
    echo
    echo "== bin/spk test packages/libgreet/libgreet.spk.yaml@install   (a program compiled against the package)"
    bin/spk test packages/libgreet/libgreet.spk.yaml@install
    echo
    echo "== bin/spk env shout -- shout spk"
    bin/spk env shout -- shout spk
    echo
    echo "== bin/spk explain -v greeter -o greeting=hello   (from the local repository)"
    bin/spk explain -v greeter -o greeting=hello
    echo
    echo "== bin/spk env greeter -o greeting=hi -- sh -c 'greet; ls /spfs/bin'"
    bin/spk env greeter -o greeting=hi -- sh -c 'greet; ls /spfs/bin'
    ls /spfs/bin 2>/dev/null || echo "(outside the environment, /spfs/bin does not exist)"
    # the monitor removes the runtime's record once the command has exited
    for _ in $(seq 50); do [[ -z "$(bin/spfs runtime list -q 2>/dev/null)" ]] && break; sleep 0.1; done
    echo
    echo "== bin/spk deprecate, remove, then spfs clean: greeter retired, removed, and its files freed"
    bin/spk deprecate -y greeter/1.0.0
    bin/spk remove -y greeter
    bin/spfs clean --min-age 0s
else
    echo "(building and entering environments need root or unprivileged user namespaces; see docs/spfs-runtime.md)"
fi
chmod -R u+w "$demo" 2>/dev/null || true
rm -rf "$demo"
