#!/usr/bin/env bash
# Compares the original and restored topics, partition by partition: counts, then the values in
# order.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "$0")/env.sh"

status=0
for p in $(seq 0 $((PARTITIONS - 1))); do
  original=$(kafka /opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server broker:19091 \
    --topic "$TOPIC" --partition "$p" --offset earliest --timeout-ms 10000 2>/dev/null \
    | grep -o '"id":[0-9]*' || true)
  restored=$(kafka /opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server broker:19091 \
    --topic "$RESTORED_TOPIC" --partition "$p" --offset earliest --timeout-ms 10000 2>/dev/null \
    | grep -o '"id":[0-9]*' || true)
  count=$(printf '%s\n' "$original" | grep -c . || true)
  if [ "$original" = "$restored" ]; then
    echo "partition $p: $count records, same order"
  else
    echo "partition $p: DIFFERENT ($count original, $(printf '%s\n' "$restored" | grep -c . || true) restored)"
    status=1
  fi
done
exit "$status"
