#!/usr/bin/env bash
# The write-up end to end: start, create, produce, back up, restore with Timeshard, verify.
set -euo pipefail
here="$(dirname "$0")"
for step in 01-start 02-create-topic 03-produce 04-backup 05-restore 06-verify; do
  echo "== ${step}"
  "${here}/${step}.sh"
done
