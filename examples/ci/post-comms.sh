#!/usr/bin/env bash
# Post the communications owed for an incident, as JSON, to a web hook (chat, status page, ...).
# Usage: post-comms.sh PROVIDER SEVERITY OPENED WEBHOOK_URL
set -euo pipefail
provider=$1 severity=$2 opened=$3 url=$4
slactl comms "$provider" --severity "$severity" --opened "$opened" --json |
  curl --fail --silent --show-error -X POST -H 'Content-Type: application/json' --data-binary @- "$url"
