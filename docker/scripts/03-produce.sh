#!/usr/bin/env bash
# Produces shoe-store customers with a schema (JSON envelopes), keyed so they spread over the
# partitions.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "$0")/env.sh"

schema='{"type":"struct","name":"customer","optional":false,"fields":[{"field":"id","type":"int64","optional":false},{"field":"first_name","type":"string","optional":false},{"field":"shoe_size","type":"int32","optional":false},{"field":"email","type":"string","optional":true}]}'
names=(Ana Bea Carla Dario Elena Fede Gala Hugo Ines Jon)

for i in $(seq 1 "$RECORDS"); do
  name="${names[$((i % ${#names[@]}))]}"
  printf 'customer-%s\t{"schema":%s,"payload":{"id":%s,"first_name":"%s","shoe_size":%s,"email":"%s@example.com"}}\n' \
    "$i" "$schema" "$i" "$name" "$((36 + i % 12))" "${name,,}$i"
done | kafka /opt/kafka/bin/kafka-console-producer.sh --bootstrap-server broker:19091 \
  --topic "$TOPIC" --property parse.key=true --property 'key.separator=	'

echo "Produced ${RECORDS} records to ${TOPIC}: $(end_offsets "$TOPIC")"
