#!/usr/bin/env bash
# Fail the pipeline when a ticket's SLA is breached (exit 1), and tell bad input apart (exit 2).
# Usage: sla-check.sh PROVIDER SEVERITY OPENED [NOW] [DUE OPTIONS...]
#   NOW defaults to the current time; DUE OPTIONS are what happened, e.g. --responded 2026-11-21T04:10
set -uo pipefail
provider=$1 severity=$2 opened=$3 now=${4:-now}
shift $(( $# < 4 ? $# : 4 ))
slactl due "$provider" --severity "$severity" --opened "$opened" --now "$now" --check "$@"
code=$?
case $code in
  0) ;;
  1) echo "SLA breached: $provider $severity ticket opened $opened" >&2 ;;
  *) echo "bad input (slactl exit $code): fix the check, the ticket is not judged" >&2 ;;
esac
exit $code
