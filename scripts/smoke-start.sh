#!/usr/bin/env bash
# Starts the embedded default the way a new user does, checks that it serves health and
# docs, stops it with Ctrl-C, and checks that it stopped cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=$(mktemp -d)
port=${SMOKE_PORT:-3987}
log=$(mktemp)

DATA_DIR="$data_dir" PORT="$port" node dist/apps/standalone/src/main.js >"$log" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true; rm -rf "$data_dir" "$log"' EXIT

ready=""
for _ in $(seq 1 90); do
  if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
    ready=yes
    break
  fi
  sleep 1
done

if [[ -z $ready ]]; then
  echo "the platform did not become ready; its log:" >&2
  tail -n 50 "$log" >&2
  exit 1
fi

curl -fsS "http://127.0.0.1:$port/docs" >/dev/null
curl -fsS "http://127.0.0.1:$port/docs-json" | grep -q '"openapi"'
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/compliance/policies/")
[[ $status == 401 ]] || { echo "expected 401 without a credential, got $status" >&2; exit 1; }

kill -INT "$pid"
for _ in $(seq 1 30); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done

if kill -0 "$pid" 2>/dev/null; then
  echo "the platform did not stop on Ctrl-C" >&2
  exit 1
fi

wait "$pid" && code=0 || code=$?
[[ $code == 0 ]] || { echo "the platform exited with $code on Ctrl-C" >&2; tail -n 20 "$log" >&2; exit 1; }

grep -q 'Create an API key' "$log"
echo "smoke test passed: ready, docs served, 401 without credential, clean stop"
