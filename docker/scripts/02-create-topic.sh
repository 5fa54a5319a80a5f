#!/usr/bin/env bash
# Creates the topic to back up, as the write-up does.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "$0")/env.sh"

kafka /opt/kafka/bin/kafka-topics.sh --bootstrap-server broker:19091 --create --if-not-exists \
  --topic "$TOPIC" --partitions "$PARTITIONS" --replication-factor 1
