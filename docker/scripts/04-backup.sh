#!/usr/bin/env bash
# Backs the topic up with the Azure Blob Storage sink connector, one object per record, as the
# write-up does. The sink is licensed separately: install it into docker/plugins first.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "$0")/env.sh"

if ! curl -fs "${CONNECT_URL}/connector-plugins" | grep -q AzureBlobStorageSinkConnector; then
  echo "The Azure Blob Storage sink connector is not installed: see docker/plugins/README.md" >&2
  exit 1
fi

# The container, created through Azurite's (or Azure's) REST API by the Azure CLI image.
docker run --rm --network timeshard_default mcr.microsoft.com/azure-cli:2.67.0 \
  az storage container create --name "$AZBLOB_CONTAINER" --connection-string \
  "DefaultEndpointsProtocol=http;AccountName=${AZBLOB_ACCOUNT_NAME};AccountKey=${AZBLOB_ACCOUNT_KEY};BlobEndpoint=${AZBLOB_ENDPOINT}" \
  > /dev/null

put_connector backup "{
  \"connector.class\": \"io.confluent.connect.azure.blob.AzureBlobStorageSinkConnector\",
  \"topics\": \"${TOPIC}\",
  \"tasks.max\": \"1\",
  \"flush.size\": \"1\",
  \"format.class\": \"io.confluent.connect.azure.blob.format.avro.AvroFormat\",
  \"azblob.account.name\": \"${AZBLOB_ACCOUNT_NAME}\",
  \"azblob.account.key\": \"${AZBLOB_ACCOUNT_KEY}\",
  \"azblob.container.name\": \"${AZBLOB_CONTAINER}\",
  \"azblob.endpoint\": \"${AZBLOB_ENDPOINT}\",
  \"confluent.topic.bootstrap.servers\": \"broker:19091\",
  \"confluent.topic.replication.factor\": \"1\",
  \"transforms\": \"addTS\",
  \"transforms.addTS.type\": \"org.apache.kafka.connect.transforms.InsertField\$Value\",
  \"transforms.addTS.timestamp.field\": \"event_timestamp\"
}"

echo "Waiting for the backup sink to catch up ..."
for _ in $(seq 1 180); do
  lag=$(kafka /opt/kafka/bin/kafka-consumer-groups.sh --bootstrap-server broker:19091 \
    --describe --group connect-backup 2>/dev/null | awk 'NR > 1 && $6 ~ /^[0-9]+$/ { sum += $6 } END { print sum + 0 }')
  if [ "$lag" = "0" ]; then
    echo "Backed up ${TOPIC} into container ${AZBLOB_CONTAINER}"
    exit 0
  fi
  sleep 2
done
echo "The backup did not catch up; see: curl ${CONNECT_URL}/connectors/backup/status" >&2
exit 1
