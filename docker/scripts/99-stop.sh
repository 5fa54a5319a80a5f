#!/usr/bin/env bash
# Stops everything and deletes its data.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "$0")/env.sh"
"${COMPOSE[@]}" down -v
