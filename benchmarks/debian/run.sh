#!/usr/bin/env bash
# The Debian archive as a benchmark: spk beside dose-distcheck (whole-archive installability)
# and libsolv (one install solve per package), side by side in one run.
#
# Usage: benchmarks/debian/run.sh CATALOG_DIR [REPEATS]
#   CATALOG_DIR holds bookworm-main-amd64.Packages.xz and trixie-main-amd64.Packages.xz.
# Needs: bin/spk built (mvn -q -DskipTests package), dose-distcheck, python3-solv (apt-get install
# dose-distcheck python3-solv). Writes its results under benchmarks/debian/out/ (not committed).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
dir="${1:?usage: $0 CATALOG_DIR [REPEATS]}"
repeats="${2:-3}"
out=benchmarks/debian/out
mkdir -p "$out"
bookworm="$dir/bookworm-main-amd64.Packages.xz"
trixie="$dir/trixie-main-amd64.Packages.xz"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1); $(dose-distcheck --version 2>&1 | head -1 | sed 's/^/dose-distcheck /')"

# the broken packages' "name version" from dose's YAML report, or from ours
dose_broken() { awk '/^  package:/{p=$2} /^  version:/{v=$2} /status: broken/{print p, v}' "$1" | sort; }
spk_broken() { awk '/^broken:/{print $2, $3}' "$1" | sort; }

distcheck() {
    local name="$1"
    shift
    local dose_args=() spk_args=() f
    for f in "$@"; do
        dose_args+=("deb://$f")
        spk_args+=("$f")
    done
    for i in $(seq "$repeats"); do
        echo "== $name, run $i; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
        /usr/bin/time -f "%e s wall, %U s user" -o "$out/dose-$name.time" \
            dose-distcheck --deb-native-arch=amd64 -f -e "${dose_args[@]}" >"$out/dose-$name.txt" || true
        /usr/bin/time -f "%e s wall, %U s user" -o "$out/spk-$name.time" \
            bin/spk bench distcheck -t "${spk_args[@]}" >"$out/spk-$name.txt" 2>"$out/spk-$name.stages" || true
        echo "dose-distcheck: $(tail -1 "$out/dose-$name.time"); $(grep -E '^(total|broken)-packages' "$out/dose-$name.txt" | tr '\n' ' ')"
        echo "spk bench distcheck: $(tail -1 "$out/spk-$name.time"); $(grep -E '^(total|broken)-packages' "$out/spk-$name.txt" | tr '\n' ' ')"
        echo "  stages: $(cat "$out/spk-$name.stages")"
        if diff <(dose_broken "$out/dose-$name.txt") <(spk_broken "$out/spk-$name.txt") >"$out/diff-$name.txt"; then
            echo "  broken packages: the same $(spk_broken "$out/spk-$name.txt" | wc -l) (names and versions)"
        else
            echo "  broken packages DIFFER:"
            cat "$out/diff-$name.txt"
        fi
    done
}

distcheck bookworm "$bookworm"
distcheck trixie "$trixie"
distcheck bookworm+trixie "$bookworm" "$trixie"

echo "== install solves, a fixed sample of 1,000 bookworm packages; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
sample=benchmarks/debian/sample-bookworm.txt
bin/spk bench install "$bookworm" --from "$sample" --json >"$out/spk-install.jsonl" || true
/usr/bin/python3 benchmarks/debian/libsolv_install.py "$bookworm" "$sample" >"$out/libsolv-install.jsonl"
cp="benchmarks/target/jspk-benchmarks.jar"
for jar in benchmarks/target/lib/*.jar; do
    cp="$cp:$jar"
done
java -cp "$cp" spk.bench.debian.InstallComparison "$out/spk-install.jsonl" "$out/libsolv-install.jsonl" \
    "$out/install-time-vs-size.svg"
echo "plot: $out/install-time-vs-size.svg"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
