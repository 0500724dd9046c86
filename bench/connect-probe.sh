#!/usr/bin/env bash
# A cold Spool.connect in fresh JVMs, with and without an AppCDS archive, interleaved; see
# docs/benchmarks.md, "Connecting". Run from the repository root after
#   ./mvnw -B -q -pl bench -am install -DskipTests
# Usage: bench/connect-probe.sh [runs (3)] [redis-url (redis://127.0.0.1:6379)]
# Extra Maven flags (e.g. -Dmaven.repo.local=...) in MVN_FLAGS.
set -euo pipefail
runs=${1:-3}
url=${2:-redis://127.0.0.1:6379}
dir=bench/target/connect-probe
rm -rf "$dir" && mkdir -p "$dir/lib"
# Jars only (AppCDS refuses directories on the class path); the embedded Redis is not needed.
./mvnw -B -q ${MVN_FLAGS:-} -pl bench dependency:copy-dependencies -DincludeScope=runtime \
    -DexcludeArtifactIds=spool-local-redis,embedded-redis -DoutputDirectory="$PWD/$dir/lib"
cp bench/target/spool-bench-*.jar "$dir/lib/"
cp="$(ls "$dir"/lib/*.jar | tr '\n' ':')"
cp="${cp%:}"
probe=dev.spool.bench.scale.ConnectProbe

# One training run writes the archive of every class it loaded (JDK 17: a dynamic archive on top
# of the JDK's default one).
java -XX:ArchiveClassesAtExit="$dir/app.jsa" -cp "$cp" "$probe" "$url" > /dev/null 2> "$dir/archive.log"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= runs; r++)); do
    echo "plain  $(java -cp "$cp" "$probe" "$url")"
    echo "appcds $(java -XX:SharedArchiveFile="$dir/app.jsa" -cp "$cp" "$probe" "$url")"
done | tee "$dir/runs.log"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Medians per variant: connect, first call and warm connect (wall/thread CPU), the whole process' CPU.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for variant in plain appcds; do
    line="$variant medians:"
    for field in connect first_call warm_connect process_cpu; do
        values="$(grep "^$variant " "$dir/runs.log" | tr ' ' '\n' | grep "^$field=" | cut -d= -f2)"
        wall="$(cut -d/ -f1 <<< "$values" | median)"
        cpu="$(cut -s -d/ -f2 <<< "$values" | median)"
        line="$line $field=$wall${cpu:+/$cpu}"
    done
    echo "$line"
done
