# bench/pg.sh: the PostgreSQL side of bench/run (issue 15, acceptance 6), sourced by it. A
# PostgreSQL server of our own (Debian's, initdb in the run's temp dir, run as the unprivileged
# `postgres` user when we are root, since it refuses root; a Unix socket in that dir, on a free
# port number; stopped by bench/run's cleanup), with the server's default durability: fsync,
# synchronous_commit and full_page_writes are left on. Data comes from gen_store (SQLite) and
# `cultivate copy-store` (which migrates the target). Every figure has its baseline in the same
# run, on the same PostgreSQL server: nginx for the pages, pg_durable_write for saves.
#
# Knobs: BENCH_SKIP_PG=1 skips all of it; BENCH_PG_PARTS (a,b,c: which of 7a, 7b, 7c run);
# BENCH_PG_BIN (/usr/lib/postgresql/15/bin); BENCH_PG_LOG=1 (every statement in the server's log, $WORK/pg/server.log,
# kept with BENCH_KEEP=1: to count a request's statements; the figures are then not comparable); BENCH_PG_CONCURRENCY (8: the PostgreSQL store's pool size, PostgresOptions::pool_size, so the
# most transactions the server runs at once, and pg_durable_write's connections).

PG_BIN=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_CONCURRENCY=${BENCH_PG_CONCURRENCY:-8}
PG_PARTS=${BENCH_PG_PARTS:-a,b,c}
PG_DATA="" PG_SOCK="" PG_PORT=""
pg_part() { [[ ,$PG_PARTS, == *,$1,* ]]; }

as_postgres() {  # PostgreSQL refuses to run as root
  if ((EUID == 0)); then (cd "$WORK/pg" && runuser -u postgres -- "$@"); else (cd "$WORK/pg" && "$@"); fi
}

pg_start() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/server.log" -w -t 120 \
    -o "-k $PG_SOCK -p $PG_PORT -c listen_addresses='' -c max_connections=100${BENCH_PG_LOG:+ -c log_statement=all}" start \
    >>"$WORK/pg/pg_ctl.log" 2>&1 || { cat "$WORK/pg/pg_ctl.log" "$WORK/pg/server.log" >&2; die "PostgreSQL did not start"; }
}

# pg_stop [MODE]: pg_ctl stop (fast; immediate is a crash: no checkpoint, WAL replay on start).
pg_stop() {
  [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]] || return 0
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m "${1:-fast}" -w -t 120 stop >>"$WORK/pg/pg_ctl.log" 2>&1 || true
}

# After the SIGKILLed cultivate: PostgreSQL crashes too (immediate stop) and recovers from its
# WAL on restart, so what the check then reads is only what was durably committed.
pg_crash_restart() {
  pg_stop immediate
  pg_start
  grep -q 'not properly shut down; automatic recovery in progress' "$WORK/pg/server.log" ||
    say "note: PostgreSQL's log does not show a crash recovery"
}

start_pg() {
  [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || die "no PostgreSQL 15 at $PG_BIN: run scripts/deps bench"
  command -v psql >/dev/null || die "psql is missing: run scripts/deps bench"
  mkdir -p "$WORK/pg/sock"
  if ((EUID == 0)); then chown -R postgres:postgres "$WORK/pg"; fi
  as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
    >"$WORK/pg/initdb.log" 2>&1 || { cat "$WORK/pg/initdb.log" >&2; die "initdb failed"; }
  PG_DATA=$WORK/pg/data PG_SOCK=$WORK/pg/sock PG_PORT=$(free_port)
  pg_start
  PG_VERSION=$(db_sql "$(pg_uri postgres)" "SHOW server_version")
  PG_SETTINGS=$(db_sql "$(pg_uri postgres)" "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name)
    FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers')")
  [[ $PG_SETTINGS == *fsync=on* && $PG_SETTINGS == *synchronous_commit=on* ]] || die "PostgreSQL is not durable: $PG_SETTINGS"
}

pg_uri() { echo "postgresql://postgres@/$1?host=$PG_SOCK&port=$PG_PORT"; }

# pg_clone URI NAME: a new database NAME, a copy of URI's (nobody may be connected to it);
# prints its URI.
pg_clone() {
  local from=${1#postgresql://postgres@/}
  from=${from%%\?*}
  db_sql "$(pg_uri postgres)" "CREATE DATABASE $2 TEMPLATE $from" >/dev/null
  pg_uri "$2"
}

# pg_copy FILE NAME: a new database NAME holding the SQLite store FILE (cultivate copy-store).
pg_copy() {
  local started
  started=$(date +%s.%N)
  db_sql "$(pg_uri postgres)" "CREATE DATABASE $2 TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
  "$BIN" copy-store --from "$1" --to "$(pg_uri "$2")" >"$WORK/copy-$2.log" 2>&1 ||
    { cat "$WORK/copy-$2.log" >&2; die "copy-store into $2 failed"; }
  say "   copy-store into $2: $(tail -1 "$WORK/copy-$2.log" | sed -E 's/ into .*;/;/') in $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')s"
}

# pg_figures: section 7 of bench/run. Sets PG_* for pg_rows.
pg_figures() {
  say "7. PostgreSQL: starting a server of our own in $WORK/pg"
  start_pg
  say "   PostgreSQL $PG_VERSION ($PG_SETTINGS), socket $PG_SOCK port $PG_PORT"

  if pg_part a; then
  say "7a. solo results page ($NQ answers) on PostgreSQL"
  db_sql "$(pg_uri postgres)" "CREATE DATABASE pages" >/dev/null
  start_server pg-pages "$(pg_uri pages)"
  CULT_URL=$SERVER_URL
  local pid=$SERVER_PID token path
  token=$(full_checkup "$CULT_URL")
  path=/checkup/$token/results
  mirror_page "$path"
  reload_nginx
  [[ $(same_bytes "$path") == same ]] || say "note: the results page differs between two renders (nginx has one copy)"
  compare pgresults "$CULT_URL$path" "$NGINX_URL$path"
  PG_R_C=$RPS_A PG_R_N=$RPS_B PG_R_P99=$P99_A PG_R_BAD=$((BAD_A + BAD_B))
  say "   cultivate $PG_R_C req/s (p99 $PG_R_P99 ms), nginx $PG_R_N req/s"
  stop_server "$pid"
  fi

  if pg_part b; then
  say "7b. PUT answers on PostgreSQL: $PUT_TOKENS check-ups, ${MEASURE}s, limit with $PG_CONCURRENCY connections"
  "$TOOLS/gen_store" --db "$WORK/put-pg.db" --migrations "$ROOT/src/store/migrations/sqlite" \
    --questions "$WORK/questions.txt" --bank-version "$BANK_VERSION" --phases "$PHASES" \
    --responses "$PUT_TOKENS" --answers-per 0 --tokens-out "$WORK/put-pg-tokens.txt" --seed 7 >&2
  pg_copy "$WORK/put-pg.db" put
  put_test put-pg "$(pg_uri put)" "$WORK/put-pg-tokens.txt"
  PG_S_RPS=$PUT_RPS PG_S_P99=$PUT_P99 PG_S_MAX=$PUT_MAX PG_S_OK=$PUT_OK PG_S_VERIFY=$VERIFY
  PG_S_DW=$DW_TPS PG_S_DW1=$DW1_TPS
  fi

  if pg_part c; then
  say "7c. team results on PostgreSQL: rounds of ${TEAM_SIZES//,/, } responses"
  "$TOOLS/gen_store" --db "$WORK/team-pg.db" --migrations "$ROOT/src/store/migrations/sqlite" \
    --questions "$WORK/questions.txt" --bank-version "$BANK_VERSION" --phases "$PHASES" \
    --responses "$(tr ',' '\n' <<<"$TEAM_SIZES" | awk '{ s += $1 } END { print s }')" \
    --answers-per "$NQ" --team-rounds "$TEAM_SIZES" --team-out "$WORK/team-pg.txt" --seed 5 >&2
  pg_copy "$WORK/team-pg.db" team
  db_sql "$(pg_uri team)" "ANALYZE" >/dev/null  # as autovacuum soon would; the copy is fresh
  team_sizes pg-team "$(pg_uri team)" "$WORK/team-pg.txt"
  team_growth
  PG_T_P99=${TEAM_P99[1000]:-} PG_T_RPS=${TEAM_RPS[1000]:-} PG_T_COLD=${TEAM_COLD[1000]:-}
  PG_T_GROWTH=$GROWTH PG_T_WORST=$WORST
  fi
}

# pg_rows: the table's rows for section 7.
pg_rows() {
  if [[ ${BENCH_SKIP_PG:-0} == 1 ]]; then
    row "7. PostgreSQL" "skipped (BENCH_SKIP_PG=1)" "" "" "" ""
    return
  fi
  row "7. PostgreSQL $PG_VERSION, same figures:" "$PG_SETTINGS" "" "" "" "info"
  if pg_part a; then
  row "   solo results page ($NQ answers), req/s" "$PG_R_C" "nginx $PG_R_N" "$(ratio "$PG_R_C" "$PG_R_N")" ">= 0.25" "$(verdict "$(ratio "$PG_R_C" "$PG_R_N")" ">=" 0.25)"
  row "   results page p99" "$PG_R_P99 ms" "" "" "" "info"
  ((PG_R_BAD == 0)) || row "   errors in the page runs" "$PG_R_BAD" "" "" "0" "MISSED"
  fi
  if pg_part b; then
  row "   PUT answers (10 each), req/s" "$PG_S_RPS" "pg_durable_write $PG_S_DW" "$(ratio "$PG_S_RPS" "$PG_S_DW")" ">= 0.50" "$(verdict "$(ratio "$PG_S_RPS" "$PG_S_DW")" ">=" 0.5)"
  row "   same, against one connection" "$PG_S_RPS" "pg_durable_write $PG_S_DW1" "$(ratio "$PG_S_RPS" "$PG_S_DW1")" "" "info"
  row "   PUT p99 / max latency" "$PG_S_P99 / $PG_S_MAX ms" "" "" "" "info"
  row "   nothing lost ($PG_S_OK acknowledged)" "$PG_S_VERIFY" "" "" "all there" "$([[ $PG_S_VERIFY == PASS ]] && echo ok || echo MISSED)"
  fi
  if pg_part c; then
  row "   team results, round of 1,000: p99" "${PG_T_P99:-?} ms (${PG_T_RPS:-?} req/s; first load ${PG_T_COLD:-?} ms)" "" "" "< 50 ms" "$(verdict "${PG_T_P99:-999}" "<" 50)"
  row "   first load after a change, by size" "$PG_T_GROWTH" "" "" "" "info"
  row "   growth: worst (time ratio / size ratio)" "$PG_T_WORST" "" "" "<= 1 (+15% noise)" "$(verdict "$PG_T_WORST" "<" 1.15)"
  fi
}
