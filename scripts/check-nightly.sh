#!/usr/bin/env bash
# Check: scripts/nightly.sh run twice in a row on the bundled demo archive (month 2026-10, on
# 2026-11-02, a report day) gives the same result: every table the same rows, the same report
# (issues.json apart from its generated_at time). Exits non-zero and shows the difference otherwise.
#   scripts/check-nightly.sh [WORKDIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-$(mktemp -d)}"
mkdir -p "$WORK"
CONF="$WORK/tlsrpt.conf"
cat >"$CONF" <<CONF
input = $ROOT/jobs/src/demo/archive
warehouse = $WORK/warehouse
output = $WORK/reports
baseline-months = 3
spark.sql.shuffle.partitions = 4
CONF

snapshot() {  # every table's rows, sorted, and the report's content
  local out="$1" t
  mkdir -p "$out"
  for t in ingest_files dim_reports fct_policy_results fct_failure_details \
           agg_daily_domain_results agg_daily_result_types; do
    "$ROOT/scripts/tlsrpt" sql --warehouse "$WORK/warehouse" \
      "SELECT to_json(struct(*)) AS row FROM $t ORDER BY 1" >"$out/$t.csv"
  done
  grep -v '"generated_at"' "$WORK/reports/2026-10/issues.json" >"$out/issues.json"
  ls "$WORK/reports/2026-10" >"$out/files.txt"
}

"$ROOT/scripts/nightly.sh" "$CONF" --today 2026-11-02 | tee "$WORK/run1.log"
snapshot "$WORK/after-run1"
"$ROOT/scripts/nightly.sh" "$CONF" --today 2026-11-02 | tee "$WORK/run2.log"
snapshot "$WORK/after-run2"

grep -q 'files=0 ' "$WORK/run2.log" || { echo "check-nightly: the second run read files again" >&2; exit 1; }
for f in "$WORK/after-run1"/*; do
  rows=$(($(wc -l <"$f") - 1))
  echo "  $(basename "$f"): $rows line(s) after the header"
  [[ $rows -gt 0 ]] || { echo "check-nightly: $(basename "$f") is empty" >&2; exit 1; }
done
if diff -r "$WORK/after-run1" "$WORK/after-run2"; then
  echo "check-nightly: OK, two nightly runs gave the same tables and report ($WORK)"
else
  echo "check-nightly: the second nightly run changed the result (see the diff above)" >&2
  exit 1
fi
