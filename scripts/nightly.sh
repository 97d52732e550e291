#!/usr/bin/env bash
# The nightly run for cron: ingest what arrived, and write last month's report when it is due.
#
#   scripts/nightly.sh CONFIG [--today YYYY-MM-DD]
#   # crontab: every night at 02:30 UTC
#   30 2 * * *  /opt/tlsrpt-warehouse/scripts/nightly.sh /etc/tlsrpt.conf >>/var/log/tlsrpt.log 2>&1
#
# With the mailbox keys in CONFIG (imap = imaps://USER@HOST/FOLDER, and archive, done-folder,
# password-env / password-file / oauth2-token-file as `collect` takes them): first
# `collect --config CONFIG`, which copies the mailbox's new reports into the archive. Without an
# `archive` key, the archive is the input's fixed root (input = s3a://b/raw/{yyyy}/{MM}/{dd}/ gives
# s3a://b/raw). A failed collect (mail server down) does not stop the ingest of what the archive
# holds; the run then exits with collect's status.
# Every night: `ingest --config CONFIG` (only objects not in the ledger are read; safe to repeat).
# With `recent-days = N` and an input of dated folders (input = s3a://b/{yyyy}/{MM}/{dd}/), only
# the last N days' folders are listed, ending on --today.
# On the report days of a month (TLSRPT_REPORT_DAYS, default "1 2 3 10"): also
# `report --config CONFIG --month <previous month> --output <output>/<previous month>`.
#   - Days 1-3: reporters send a day's report within 24-48 hours (RFC 8460), so the month is
#     complete by day 3 in practice; writing it on days 1, 2 and 3 means a failed night is
#     covered by the next one, and each run replaces the previous workbook with a more complete one.
#   - Day 10: late reports (a reporter's queue stuck, a mailbox fetched late) are ingested normally
#     every night; re-writing the report on day 10 includes them. The workbook's Summary shows how
#     complete the month is (reports received/expected, latest arrival), so a reader can tell.
# When the config file names an alert channel (webhook, slack-webhook or smtp): after the ingest,
# `alert --config CONFIG --today <today>` sends what is new, worse or resolved in the last days
# (docs/alerts.md). A failed alert (a channel down) does not stop the report; the script then exits
# with the alert's status at the end, and the next night's alert sends what was not delivered.
# The report for any month can be re-written by hand at any time:
#   scripts/tlsrpt report --config CONFIG --month YYYY-MM --output DIR/YYYY-MM
# Running it twice on the same day gives the same tables and report.
#
# Runner: scripts/tlsrpt (embedded Spark) by default; with TLSRPT_SUBMIT_OPTS set (for example
# "--master spark://master:7077" or "--master yarn"), scripts/submit.sh with those options.
# Exit status: 0 when every step succeeded; otherwise the failed step's status (later steps skipped,
# except after collect: see above).
# TLSRPT_CLI: the command that runs scripts/tlsrpt's commands (default scripts/tlsrpt; tests point it
# at the test build).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# cron gives no locale: run every step in a UTF-8 one (scripts/utf8-locale.sh says why)
# shellcheck source=scripts/utf8-locale.sh
source "$ROOT/scripts/utf8-locale.sh"

usage() { echo "usage: scripts/nightly.sh CONFIG [--today YYYY-MM-DD]" >&2; exit 2; }
[[ $# -ge 1 ]] || usage
CONFIG="$1"; shift
TODAY="$(date -u +%F)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --today) [[ $# -ge 2 ]] || usage; TODAY="$2"; shift 2 ;;
    *) usage ;;
  esac
done
[[ -r "$CONFIG" ]] || { echo "nightly: cannot read the configuration file $CONFIG" >&2; exit 2; }
date -u -d "$TODAY" +%F >/dev/null 2>&1 || { echo "nightly: --today takes YYYY-MM-DD" >&2; exit 2; }

run() {
  if [[ -n "${TLSRPT_SUBMIT_OPTS:-}" ]]; then
    # shellcheck disable=SC2086
    "$ROOT/scripts/submit.sh" $TLSRPT_SUBMIT_OPTS -- "$@"
  else
    "${TLSRPT_CLI:-$ROOT/scripts/tlsrpt}" "$@"
  fi
}

# The last value of KEY in the config file (key = value or key: value), trailing blanks removed.
config_value() {
  local v
  v="$(sed -n "s/^[[:space:]]*$1[[:space:]]*[=:][[:space:]]*//p" "$CONFIG" | tail -1)"
  printf '%s' "${v%"${v##*[![:space:]]}"}"
}

# The report's output folder from the config file (the report command would read it too; here it
# gets a sub-folder per month so issues.md/issues.json of different months do not overwrite).
OUTPUT="$(config_value output)"

# The mailbox first, when the config names one: what it archives is ingested below.
COLLECT_STATUS=0
if [[ -n "$(config_value imap)" ]]; then
  COLLECT_ARGS=()
  if [[ -z "$(config_value archive)" ]]; then
    INPUT="$(config_value input)"
    [[ -n "$INPUT" ]] || { echo "nightly: set archive = URI (or input) in $CONFIG" >&2; exit 2; }
    ARCHIVE="${INPUT%%\{*}"
    ARCHIVE="${ARCHIVE%/}"
    COLLECT_ARGS=(--archive "$ARCHIVE")
  fi
  echo "nightly $TODAY: collect"
  run collect --config "$CONFIG" "${COLLECT_ARGS[@]}" || COLLECT_STATUS=$?
fi

# With recent-days in the config (dated input folders), the days listed end on --today.
INGEST_ARGS=()
if grep -qE '^[[:space:]]*recent-days[[:space:]]*[=:]' "$CONFIG"; then
  INGEST_ARGS=(--today "$TODAY")
fi
echo "nightly $TODAY: ingest"
run ingest --config "$CONFIG" "${INGEST_ARGS[@]}"

ALERT_STATUS=0
if grep -qE '^[[:space:]]*(webhook|slack-webhook|smtp)[[:space:]]*[=:]' "$CONFIG"; then
  echo "nightly $TODAY: alert"
  run alert --config "$CONFIG" --today "$TODAY" || ALERT_STATUS=$?
fi

DAY="$(date -u -d "$TODAY" +%-d)"
MONTH="$(date -u -d "$(date -u -d "$TODAY" +%Y-%m-01) -1 day" +%Y-%m)"
for d in ${TLSRPT_REPORT_DAYS:-1 2 3 10}; do
  if [[ "$d" == "$DAY" ]]; then
    [[ -n "$OUTPUT" ]] || { echo "nightly: set output = DIR in $CONFIG" >&2; exit 2; }
    echo "nightly $TODAY: report $MONTH -> $OUTPUT/$MONTH"
    run report --config "$CONFIG" --month "$MONTH" --output "$OUTPUT/$MONTH"
  fi
done
if [[ $COLLECT_STATUS -ne 0 ]]; then
  echo "nightly $TODAY: done, but collect failed (status $COLLECT_STATUS)" >&2
  exit "$COLLECT_STATUS"
fi
if [[ "$ALERT_STATUS" -ne 0 ]]; then
  echo "nightly $TODAY: done, but the alert failed (status $ALERT_STATUS)" >&2
  exit "$ALERT_STATUS"
fi
echo "nightly $TODAY: done"
