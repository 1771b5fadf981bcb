# Sourced by run-runtime.sh and compare-runtime.sh: make_stack WORK SPFS makes ten layers of
# 200 files of 4 KiB in 10 directories (plus one file they all share), commits them as
# bench/l0..bench/l9 with SPFS, and prints their '+'-joined ref.
make_stack() {
    local work="$1" spfs="$2" stack=() l d f src
    for l in $(seq 0 9); do
        src="$work/src$l"
        for d in $(seq 0 9); do
            mkdir -p "$src/layer$l/d$d"
            for f in $(seq 0 19); do
                head -c 4096 /dev/urandom >"$src/layer$l/d$d/f$f"
            done
        done
        echo "shared by all layers: $l" >"$src/common"
        "$spfs" commit --path "$src" -t "bench/l$l" >/dev/null || return 1
        stack+=("bench/l$l")
    done
    (IFS=+; echo "${stack[*]}")
}
