#!/usr/bin/env bash
# Checks that every relative link in README.md, docs/ and docker/ points to a file that exists.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
while IFS= read -r file; do
  dir="$(dirname "$file")"
  # Markdown links: [text](target), skipping web links and in-page anchors.
  while IFS= read -r target; do
    path="${target%%#*}"
    [ -z "$path" ] && continue
    if [ ! -e "${dir}/${path}" ]; then
      echo "${file}: broken link to ${target}" >&2
      status=1
    fi
  done < <(grep -o '\](\([^)]*\))' "$file" | sed -e 's/^](//' -e 's/)$//' | grep -v -E '^(https?|mailto):' || true)
done < <(find README.md docs docker -name '*.md' -not -path '*/node_modules/*')

[ "$status" -eq 0 ] && echo "links: every relative link resolves"
exit "$status"
