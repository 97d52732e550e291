#!/usr/bin/env bash
# Quick start: builds what it needs, then ingests the sample archive bundled in the repo
# (jobs/src/demo/archive) into a local warehouse with the embedded default (Spark local[*]),
# and shows what landed. Needs only Java 17 and Maven. Safe to run again: the second run
# reads nothing new.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARCHIVE="$ROOT/jobs/src/demo/archive"
OUT="${DEMO_OUTPUT:-$ROOT/demo-output}"
WAREHOUSE="$OUT/warehouse"
MONTH="2026-10"   # the month the bundled archive covers
mkdir -p "$OUT"

echo "== Ingesting $ARCHIVE into $WAREHOUSE"
"$ROOT/scripts/tlsrpt" ingest --input "$ARCHIVE" --warehouse "$WAREHOUSE"

echo
echo "== Ledger: what became of every raw file"
"$ROOT/scripts/tlsrpt" sql --warehouse "$WAREHOUSE" \
  "SELECT status, coalesce(reason, '') AS reason, count(*) AS files
   FROM ingest_files GROUP BY 1, 2 ORDER BY 1, 2"

echo
echo "== Sessions per policy domain (one policy per report and domain, so sts+tlsa is not double-counted)"
"$ROOT/scripts/tlsrpt" sql --warehouse "$WAREHOUSE" \
  "SELECT policy_domain, count(DISTINCT report_uid) AS reports,
          sum(total_successful_session_count) AS successful,
          sum(total_failure_session_count) AS failed,
          round(100 * sum(total_successful_session_count)
                / sum(total_successful_session_count + total_failure_session_count), 2) AS success_pct
   FROM fct_policy_results WHERE counted
   GROUP BY 1 ORDER BY 1"

echo
echo "== Top failures"
"$ROOT/scripts/tlsrpt" sql --warehouse "$WAREHOUSE" \
  "SELECT policy_domain, result_type, receiving_mx_hostname, sum(failed_session_count) AS sessions,
          min(report_date) AS first_day, max(report_date) AS last_day
   FROM fct_failure_details GROUP BY 1, 2, 3 ORDER BY sessions DESC LIMIT 10"

echo
echo "== Monthly report for $MONTH"
"$ROOT/scripts/tlsrpt" report --warehouse "$WAREHOUSE" --month "$MONTH" --output "$OUT/report"

echo
echo "== The most severe issues (full list: $OUT/report/issues.md)"
grep -E '^### ' "$OUT/report/issues.md" | head -5 | sed 's/^### /  /; s/\\//g'

echo
echo "== Answers no count gives (docs/report-insights.md)"
MD="$(sed 's/\\//g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/`//g; s/\*\*//g' "$OUT/report/issues.md")"
echo "  Enforce readiness:"
echo "$MD" | sed -n '/^## Enforce readiness/,$p' | grep '^- ' | sed 's/^- /    /' || true
echo "  Where failures began:"
echo "$MD" | awk '/^### /{t=substr($0,5)}
  /It began on/ && match($0,/It began on [^;]*\([0-9-]*\)/) {print "    " t ": " substr($0,RSTART,RLENGTH)}' \
  | awk -F' changed from ' '!seen[$2]++' | head -3 || true
echo "  Stale policy caches and TLSA rollovers:"
echo "$MD" | grep -E '^### .*(old MTA-STS policy|TLSA records of .* changed|Only one TLSA record)' | sed 's/^### /    /' || true

echo
echo "Warehouse: $WAREHOUSE (tables documented in schemas/)."
echo "Workbook:  $OUT/report/tlsrpt-$MONTH.xlsx"
echo "Issues:    $OUT/report/issues.md and issues.json"
echo "Query it yourself: scripts/tlsrpt sql --warehouse $WAREHOUSE \"SELECT ... FROM dim_reports\""
