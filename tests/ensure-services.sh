#!/usr/bin/env bash
# Before the tests: PostgreSQL and Redis must answer (the tests use the real servers, never mocks).
# Starts a locally installed one that is down; otherwise says what is missing.
set -uo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; }

# Tests pointed elsewhere (TEST_DATABASE_URL / TEST_REDIS_URL) manage their own servers.
if [ -z "${TEST_DATABASE_URL:-}" ] && ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -n 1)" main start || true
fi
if [ -z "${TEST_REDIS_URL:-}" ] && ! redis_up && command -v redis-server >/dev/null 2>&1; then
  echo "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null || true
fi

for _ in $(seq 1 30); do
  { [ -n "${TEST_DATABASE_URL:-}" ] || pg_up; } && { [ -n "${TEST_REDIS_URL:-}" ] || redis_up; } && exit 0
  sleep 1
done

cat >&2 <<'MSG'
The tests need PostgreSQL on 127.0.0.1:5432 (user postgres, trust or TEST_DATABASE_URL) and Redis on
127.0.0.1:6379 (or TEST_REDIS_URL). On Debian/Ubuntu: sudo apt-get install -y postgresql redis-server,
then run the tests again; they start both when they are installed but down.
MSG
exit 1
