#!/usr/bin/env bash
# Compares two warehouses' ingest tables as data (multisets of rows), leaving out the columns that
# name a run or the reader's build (run_id, ingested_at, ingest_date, parser_version) and the columns
# only one side has: for checking that a new version writes the same tables as an older one from
# the same archive.
#   scripts/compare-warehouses.sh WAREHOUSE_A WAREHOUSE_B
# Prints one line per table (rows in each, rows only in A, rows only in B, columns left out) and
# exits 1 if any table differs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -eq 2 ]] || { echo "usage: scripts/compare-warehouses.sh WAREHOUSE_A WAREHOUSE_B" >&2; exit 2; }
A="$(cd "$1" && pwd)"; B="$(cd "$2" && pwd)"
sql() { "$ROOT/scripts/tlsrpt" sql --warehouse "$A" "$1" 2>/dev/null; }
header() { sql "SELECT * FROM parquet.\`$1\` LIMIT 0" | head -1 | tr ',' '\n'; }
status=0
for t in ingest_files dim_reports fct_policy_results fct_failure_details; do
  cols_a=$(header "$A/$t"); cols_b=$(header "$B/$t")
  both=$(comm -12 <(sort <<< "$cols_a") <(sort <<< "$cols_b") | grep -vxE 'run_id|ingested_at|ingest_date|parser_version')
  left_out=$( (comm -3 <(sort <<< "$cols_a") <(sort <<< "$cols_b") | tr -d '\t'; echo run_id ingested_at ingest_date parser_version) | xargs)
  cols=$(sed 's/.*/`&`/' <<< "$both" | paste -sd, -)
  line=$(sql "SELECT (SELECT count(*) FROM parquet.\`$A/$t\`) AS rows_a,
                     (SELECT count(*) FROM parquet.\`$B/$t\`) AS rows_b,
                     (SELECT count(*) FROM (SELECT $cols FROM parquet.\`$A/$t\` EXCEPT ALL
                                            SELECT $cols FROM parquet.\`$B/$t\`)) AS only_a,
                     (SELECT count(*) FROM (SELECT $cols FROM parquet.\`$B/$t\` EXCEPT ALL
                                            SELECT $cols FROM parquet.\`$A/$t\`)) AS only_b" | tail -1)
  echo "$t: rows_a=${line%%,*} (rows_b, only_a, only_b: ${line#*,}); not compared: $left_out"
  IFS=, read -r ra rb oa ob <<< "$line"
  [[ "$ra" == "$rb" && "$oa" == 0 && "$ob" == 0 ]] || status=1
done
exit $status
