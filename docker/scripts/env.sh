#!/usr/bin/env bash
# Settings shared by the scripts. Override any of them in the environment.
# shellcheck disable=SC2034  # sourced by the other scripts

# Where Connect's REST API and Kafka answer, from the host.
CONNECT_URL="${CONNECT_URL:-http://127.0.0.1:8083}"
# The storage account. By default Azurite's well-known development account, inside compose.
AZBLOB_ACCOUNT_NAME="${AZBLOB_ACCOUNT_NAME:-devstoreaccount1}"
AZBLOB_ACCOUNT_KEY="${AZBLOB_ACCOUNT_KEY:-Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==}"
AZBLOB_CONTAINER="${AZBLOB_CONTAINER:-backups}"
# The blob endpoint as the Connect worker reaches it; empty for the real Azure cloud.
AZBLOB_ENDPOINT="${AZBLOB_ENDPOINT-http://azurite:10000/devstoreaccount1}"

TOPIC="${TOPIC:-customers}"
RESTORED_TOPIC="${RESTORED_TOPIC:-customers-restored}"
PARTITIONS="${PARTITIONS:-4}"
RECORDS="${RECORDS:-2000}"

COMPOSE=(docker compose -f "$(dirname "${BASH_SOURCE[0]}")/../docker-compose.yml")

kafka() {
  "${COMPOSE[@]}" exec -T kafka "$@"
}

# POST or PUT a connector configuration: put_connector <name> <json config>
put_connector() {
  curl -fsS -X PUT -H 'Content-Type: application/json' \
    --data "$2" "${CONNECT_URL}/connectors/$1/config" > /dev/null
}

# The sum of a topic's end offsets, per partition: "0:500 1:500 ..."
end_offsets() {
  kafka /opt/kafka/bin/kafka-get-offsets.sh --bootstrap-server broker:19091 --topic "$1" \
    | awk -F: '{ printf "%s:%s ", $2, $3 }'
}
