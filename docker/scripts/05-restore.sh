#!/usr/bin/env bash
# Restores the backup into a fresh topic with Timeshard, tasks.max=4: the write-up's restore
# configuration with connector.class changed, the endpoint pointed at Azurite, and the topic
# renamed so that the original stays for the comparison.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "$0")/env.sh"

kafka /opt/kafka/bin/kafka-topics.sh --bootstrap-server broker:19091 --create --if-not-exists \
  --topic "$RESTORED_TOPIC" --partitions "$PARTITIONS" --replication-factor 1

put_connector restore "{
  \"connector.class\": \"io.timeshard.connect.RestoreSourceConnector\",
  \"tasks.max\": \"4\",
  \"confluent.topic.replication.factor\": \"1\",
  \"format.class\": \"io.confluent.connect.azure.blob.storage.format.avro.AvroFormat\",
  \"confluent.topic.bootstrap.servers\": \"broker:19091\",
  \"mode\": \"RESTORE_BACKUP\",
  \"partitioner.class\": \"io.confluent.connect.storage.partitioner.DefaultPartitioner\",
  \"azblob.account.name\": \"${AZBLOB_ACCOUNT_NAME}\",
  \"azblob.account.key\": \"${AZBLOB_ACCOUNT_KEY}\",
  \"azblob.container.name\": \"${AZBLOB_CONTAINER}\",
  \"azblob.endpoint\": \"${AZBLOB_ENDPOINT}\",
  \"transforms\": \"rename\",
  \"transforms.rename.type\": \"org.apache.kafka.connect.transforms.RegexRouter\",
  \"transforms.rename.regex\": \"${TOPIC}\",
  \"transforms.rename.replacement\": \"${RESTORED_TOPIC}\"
}"

echo "Restoring into ${RESTORED_TOPIC} ..."
expected="$(end_offsets "$TOPIC")"
for _ in $(seq 1 300); do
  if [ "$(end_offsets "$RESTORED_TOPIC")" = "$expected" ]; then
    curl -fsS "${CONNECT_URL}/connectors/restore/tasks" | tr '{' '\n' | grep -o '"task.id":"[^"]*"' || true
    echo "Restored: ${RESTORED_TOPIC} ${expected}"
    exit 0
  fi
  sleep 2
done
echo "The restore did not finish; see: curl ${CONNECT_URL}/connectors/restore/status" >&2
exit 1
