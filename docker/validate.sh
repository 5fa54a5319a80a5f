#!/usr/bin/env bash
# Checks what can be checked without a Docker engine: the compose file against the compose
# specification (dclint, from the repository's npm packages) and the scripts (shellcheck).
set -euo pipefail
cd "$(dirname "$0")"

npx --no-install dclint docker-compose.yml
echo "docker-compose.yml: valid"

if command -v shellcheck > /dev/null; then
  (cd scripts && shellcheck -x ./*.sh) && shellcheck validate.sh
  echo "scripts: shellcheck clean"
else
  echo "shellcheck is not installed: scripts not checked (apt-get install shellcheck)" >&2
fi
