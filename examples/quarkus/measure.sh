#!/usr/bin/env bash
#
# Copyright the camel-rekognition-video authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
#

# Start-up time and memory of the Quarkus example in JVM mode (docs/performance.md), against a baseline measured in
# the same run: the same YAML routes (examples/quarkus/src/main/resources/routes/) on plain Camel Main, with the class
# path of the YAML DSL example.
# For each run and each of the two: a fresh local Rekognition Video with the sample video in the bucket, then the
# application; it reports the wall time from launch until Camel's routes have started (the "started in" log line),
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

# the baseline's class path: the YAML DSL example's runtime dependencies (Camel Main, YAML DSL, aws2-*, file)
mvn -B -q -pl examples/yaml-dsl -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/classpath.txt > "$work/classpath.log"
camel_main_cp="examples/yaml-dsl/target/classes:$(cat examples/yaml-dsl/target/classpath.txt)"
routes="file:examples/quarkus/src/main/resources/routes/face-detection.camel.yaml"

measure() { # run, name, java arguments...
  local run=$1 name=$2; shift 2
  java -jar local/target/rekognition-video-local.jar --put-sample=videos/door.mp4 > "$work/local.log" 2>&1 &
  local_pid=$!
  wait_for 60 grep -q "put the sample video" "$work/local.log"
  local events="$work/events-$name-$run"
  local start; start=$(now_ms)
  java -Devents.folder="$events" "$@" > "$work/app.log" 2>&1 &
  app_pid=$!
  # Quarkus: "... started in 1.8s."; Camel Main: "Apache Camel 4.17.0 (...) started in 300ms"
  wait_for 60 grep -q "started in" "$work/app.log"
  local started; started=$(now_ms)
  local rss_started; rss_started=$(rss_mb $app_pid)
  wait_for 90 has_event "$events"
  local done_at; done_at=$(now_ms)
  printf "%-10s %3d  %10d  %14d  %15d  %12d\n" "$name" "$run" $((started - start)) "$rss_started" \
    $((done_at - start)) "$(rss_mb $app_pid)" | tee -a "$work/results"
  kill $app_pid $local_pid; wait $app_pid $local_pid 2>/dev/null || true
  app_pid=""; local_pid=""
}

echo "app        run  startup_ms  rss_started_mb  first_result_ms  rss_after_mb"
for run in $(seq 1 "$runs"); do
  measure "$run" quarkus -jar examples/quarkus/target/quarkus-app/quarkus-run.jar
  measure "$run" camel-main -cp "$camel_main_cp" -Dcamel.main.routes-include-pattern="$routes" \
    -Dcamel.main.name=baseline org.apache.camel.main.Main
done

median() { # app, column
  awk -v app="$1" -v col="$2" '$1 == app { print $col }' "$work/results" | sort -n \
    | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
echo "medians    startup_ms  rss_started_mb  first_result_ms  rss_after_mb"
for app in quarkus camel-main; do
  printf "%-10s %10s  %14s  %15s  %12s\n" "$app" "$(median $app 3)" "$(median $app 4)" "$(median $app 5)" "$(median $app 6)"
done
awk -v q="$(median quarkus 3)" -v c="$(median camel-main 3)" -v qr="$(median quarkus 4)" -v cr="$(median camel-main 4)" \
  'BEGIN { printf "quarkus / camel-main: start-up %.2f, RSS started %.2f\n", q / c, qr / cr }'
