#!/usr/bin/env bash
# `spfs run <stack of 10 layers> -- true` against a shell script doing the same mounts by hand
# (unshare -m, a tmpfs, mount -t overlay over the 10 rendered layers, exec true), in one
# hyperfine run, with `spfs run` of one layer, `spk env` of a 2-package environment (hello and
# the stdfs it needs, built from packages/ into the same repository) and `unshare -m true`
# beside them, plus the pieces that split spfs's overhead:
#   JVM start   `spfs version`: the JVM, class loading and the command line, nothing else;
#   render      `spfs run` with the renders deleted before each run, minus the warm `spfs run`;
#   the rest    warm `spfs run` minus `spfs version`: refs, the runtime record (saved twice),
#               libc binding, namespace, mounts, startup script, exec.
# Each layer holds 200 files of 4 KiB in 10 directories. Needs root (mounts). The monitor of
# each run is a JVM that outlives the command by a poll interval; every run waits for the
# previous monitors to exit first (hyperfine --prepare), so runs do not compete with them.
# Installs hyperfine if missing; builds the jars if needed. Results go to result-runtime.md here.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
root="$(pwd)"
command -v hyperfine >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyperfine; }
[[ -f cli/target/jspk-cli.jar ]] || mvn -B -q -ntp -DskipTests package
[[ $(id -u) == 0 ]] || { echo "run as root: the hand-made baseline mounts" >&2; exit 2; }

work="${WORK:-/var/tmp/spfs-runtime-bench}"
runs="${RUNS:-20}"
rm -rf "$work"
mkdir -p "$work"
export SPFS_STORAGE__ROOT="$work/repo"
export XDG_CONFIG_HOME="$work/no-config"
# the runtime's startup script sources ~/.bashrc, as spfs's does: an empty home keeps the user's
# own start-up (pyenv, conda...) out of the figures
export HOME="$work/home"
mkdir -p "$HOME"
spfs="$root/bin/spfs"
# shellcheck source=benchmarks/spfs/runtime-stack.sh
source "$root/benchmarks/spfs/runtime-stack.sh"
ref="$(make_stack "$work" "$spfs")"
"$root/bin/spk" build "$root/packages/stdfs/stdfs.spk.yaml" >/dev/null
"$root/bin/spk" build "$root/packages/hello/hello.spk.yaml" >/dev/null
"$root/bin/spk" env hello -o greeting=hi -- hello
# one run renders the layers; the hand-made baseline mounts those same render directories
"$spfs" run "$ref" -- true
renders=$(SPFS_RUNTIME= "$spfs" run "$ref" -- sh -c "grep ' /spfs ' /proc/self/mountinfo" \
    | sed -e 's/.*lowerdir=//' -e 's/,upperdir.*//' -e 's#:/tmp/spfs-runtime/lower##')
[[ $(tr ':' '\n' <<<"$renders" | wc -l) == 10 ]] || { echo "expected 10 rendered layers: $renders" >&2; exit 1; }
cat >"$work/by-hand.sh" <<SCRIPT
#!/bin/sh
# what spfs run does for a 10-layer stack, by hand: private mounts, tmpfs, overlay, exec
exec unshare -m sh -c 'mount --make-rslave / && mkdir -p /spfs /tmp/spfs-runtime \\
  && mount -t tmpfs -o mode=0777 tmpfs /tmp/spfs-runtime \\
  && mkdir /tmp/spfs-runtime/upper /tmp/spfs-runtime/work /tmp/spfs-runtime/lower \\
  && mount -t overlay -o ro,index=off,metacopy=off,redirect_dir=follow,lowerdir=$renders:/tmp/spfs-runtime/lower,upperdir=/tmp/spfs-runtime/upper,workdir=/tmp/spfs-runtime/work none /spfs \\
  && exec true'
SCRIPT
chmod +x "$work/by-hand.sh"
wait_monitors='while pgrep -f "[S]pfsMain monitor --runtime" >/dev/null; do sleep 0.02; done'
# one --prepare per command, in order: wait for monitors; the last also deletes the renders
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$root/benchmarks/spfs/result-runtime.md" \
    --prepare "sh -c '$wait_monitors'" --prepare "sh -c '$wait_monitors'" --prepare "sh -c '$wait_monitors'" \
    --prepare "sh -c '$wait_monitors'" --prepare "sh -c '$wait_monitors'" --prepare "sh -c '$wait_monitors'" \
    --prepare "sh -c '$wait_monitors'" \
    --prepare "sh -c '$wait_monitors; rm -rf $work/repo/renders/root'" \
    -n "unshare -m true" "unshare -m true" \
    -n "by hand: unshare -m + mount -t overlay (10 layers)" "$work/by-hand.sh" \
    -n "spfs version (JVM start)" "$spfs version" \
    -n "spfs run <1 layer> -- true" "$spfs run bench/l0 -- true" \
    -n "spfs run <10 layers> -- true" "$spfs run $ref -- true" \
    -n "spk env hello (2 packages) -- true" "$root/bin/spk env hello -o greeting=hi -- true" \
    -n "spk env --dry-run hello (the solve alone)" "$root/bin/spk env --dry-run hello -o greeting=hi" \
    -n "spfs run <10 layers> -- true, renders deleted first" "$spfs run $ref -- true"
cat "$root/benchmarks/spfs/result-runtime.md"
rm -rf "$work"
