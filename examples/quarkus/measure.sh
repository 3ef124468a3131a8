#!/usr/bin/env bash
# Start-up time and memory of the Quarkus example in JVM mode (docs/performance.md).
# For each run: a fresh local Rekognition Video with the sample video in the bucket, then `java -jar quarkus-run.jar`;
# it reports the wall time from launch until Camel's routes have started (the application's "started" log line),
# the resident memory (VmRSS) then, the time until the sample video's faces-found event is written, and the RSS then.
# Build first: mvn -B -q -pl examples/quarkus -am package -DskipTests
# usage: examples/quarkus/measure.sh [runs]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
work=$(mktemp -d)
local_pid=""
app_pid=""
cleanup() { kill $app_pid $local_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
has_event() { ls "$1"/*.json >/dev/null 2>&1; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
wait_for() { # seconds, command...
  local seconds=$1; shift
  for _ in $(seq 1 $((seconds * 10))); do "$@" && return 0; sleep 0.1; done
  echo "timed out: $*" >&2; return 1
}
echo "run  startup_ms  rss_started_mb  first_result_ms  rss_after_mb"
for run in $(seq 1 "$runs"); do
  java -jar local/target/rekognition-video-local.jar --put-sample=videos/door.mp4 > "$work/local.log" 2>&1 &
  local_pid=$!
  wait_for 60 grep -q "put the sample video" "$work/local.log"
  events="$work/events-$run"
  start=$(now_ms)
  java -Devents.folder="$events" -jar examples/quarkus/target/quarkus-app/quarkus-run.jar > "$work/app.log" 2>&1 &
  app_pid=$!
  wait_for 60 grep -q "started in" "$work/app.log"
  started=$(now_ms)
  rss_started=$(rss_mb $app_pid)
  wait_for 90 has_event "$events"
  done_at=$(now_ms)
  rss_after=$(rss_mb $app_pid)
  printf "%3d  %10d  %14d  %15d  %12d\n" "$run" $((started - start)) "$rss_started" $((done_at - start)) "$rss_after"
  kill $app_pid $local_pid; wait $app_pid $local_pid 2>/dev/null || true
  app_pid=""; local_pid=""
done
