#!/usr/bin/env bash
# Starts Kafka, the Connect worker with the Timeshard plugin, and Azurite, and waits for Connect.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "$0")/env.sh"

plugin="$(dirname "$0")/../../connector/target/timeshard-restore-0.1.0-SNAPSHOT/timeshard-restore"
if [ ! -d "$plugin" ]; then
  echo "Build the plugin first: ./mvnw -B package -DskipTests (from the repository root)" >&2
  exit 1
fi

"${COMPOSE[@]}" up -d
echo "Waiting for Kafka Connect at ${CONNECT_URL} ..."
for _ in $(seq 1 90); do
  if curl -fs "${CONNECT_URL}/connector-plugins" > /dev/null; then
    curl -fs "${CONNECT_URL}/connector-plugins" | tr ',' '\n' | grep -o '"class":"[^"]*"' | sort
    exit 0
  fi
  sleep 2
done
echo "Kafka Connect did not start; see: docker compose logs connect" >&2
exit 1
