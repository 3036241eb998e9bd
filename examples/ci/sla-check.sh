#!/usr/bin/env bash
# Fail the pipeline when a ticket's SLA is breached: exit 1 and the table of targets.
# Usage: sla-check.sh PROVIDER SEVERITY OPENED [NOW]   (NOW defaults to the current time)
set -euo pipefail
provider=$1 severity=$2 opened=$3 now=${4:-now}
if ! slactl due "$provider" --severity "$severity" --opened "$opened" --now "$now" --check; then
  echo "SLA breached: $provider $severity ticket opened $opened" >&2
  exit 1
fi
