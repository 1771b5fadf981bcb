#!/usr/bin/env bash
# Runs every test of every module; fails when any test fails. CI runs exactly this (.ci/run).
#
# The tests run spfs runtimes for real (mounts, namespaces, FUSE, startup scripts under tcsh), so
# besides Java 17+ and Maven they need the programs below. As root, what is missing is installed
# with apt-get; otherwise the script says what to install and stops, rather than let tests skip.
# After the run, every skipped test is listed with its reason, one line each.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

# what a test needs -> the Debian package that provides it
missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
ldconfig -p 2>/dev/null | grep -q 'libfuse\.so\.2 ' || missing+=(libfuse2)     # the FUSE backends (jnr-fuse)
command -v tcsh >/dev/null 2>&1 || missing+=(tcsh)                            # csh startup scripts
for tool in unshare setsid setpriv nsenter; do                                 # runtimes, rootless and cross-user tests
    command -v "$tool" >/dev/null 2>&1 || { missing+=(util-linux); break; }
done
command -v git >/dev/null 2>&1 || missing+=(git)                              # git sources of spk build
command -v dose-distcheck >/dev/null 2>&1 || missing+=(dose-distcheck)        # the Debian checks' agreement test
if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "run-tests: installing what the tests need: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y -q "${missing[@]}"
    else
        echo "run-tests: missing what the tests need; install these Debian packages (as root): ${missing[*]}" >&2
        exit 2
    fi
fi
if [[ $(id -u) != 0 ]]; then
    echo "run-tests: not root: the mount and namespace tests need root and will be skipped (CI runs as root)" >&2
fi

stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
status=0
mvn -B -ntp -Dstyle.color=never verify "$@" || status=$?

# one line per skipped test, with the reason the test gave (surefire's XML reports of this run)
skipped=$(find . -path '*/target/surefire-reports/TEST-*.xml' -newer "$stamp" -print0 2>/dev/null \
    | xargs -0 -r perl -0777 -ne 'while (/<testcase\s+name="([^"]*)"\s+classname="([^"]*)"[^>]*>\s*<skipped(?:\s+message="([^"]*)")?/g) {
        my $m = $3 // "no reason given"; $m =~ s/&quot;/"/g; $m =~ s/&apos;/\x27/g; $m =~ s/&lt;/</g; $m =~ s/&gt;/>/g;
        $m =~ s/&amp;/&/g; print "  $2.$1: $m\n" }' || true)
if [[ -n "$skipped" ]]; then
    echo "run-tests: skipped tests and why:"
    echo "$skipped"
fi
exit "$status"
