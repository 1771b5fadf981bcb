#!/usr/bin/env bash
# Runs every test of every module; fails when any test fails.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
exec mvn -B -ntp verify "$@"
