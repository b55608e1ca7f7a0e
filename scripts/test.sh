#!/bin/sh
# Runs the test suite (building it first) and, when it fails, repeats every failing test's
# lines at the end: swift test reports a failure where it happens, far from the last line
# of a long log, and CI keeps only the tail. A run that passes GCPCTL_TEST_TIME_LIMIT (20
# minutes, under CI's 25) is stopped and names the tests that had not finished.
set -u
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
limit="${GCPCTL_TEST_TIME_LIMIT:-20m}"
log="${TMPDIR:-/tmp}/gcpctl-test.$$.log"
status_file="$log.status"
trap 'rm -f "$log" "$status_file"' EXIT

# Line-buffered, so that a run stopped by the limit has logged every test it started.
{ timeout -s INT -k 30s "$limit" stdbuf -oL -eL "$SWIFT" test "$@" 2>&1; echo $? > "$status_file"; } | tee "$log"
status=$(cat "$status_file")

if [ "$status" -eq 124 ]; then
	echo
	echo "== the test run passed its time limit ($limit) and was stopped; tests still running =="
	sed -n 's/^.*◇ Test \(.*\) started\.$/\1/p' "$log" | sort -u > "$log.started"
	sed -n 's/^.*[✔✘] Test \(.*\) \(passed\|failed\) after .*$/\1/p' "$log" | sort -u > "$log.ended"
	comm -23 "$log.started" "$log.ended"
	rm -f "$log.started" "$log.ended"
elif [ "$status" -ne 0 ]; then
	echo
	echo "== failures (repeated from above) =="
	if ! grep -E -A3 '✘ Test .* (recorded an issue|failed)' "$log" | grep -v '^✘ Test run with'; then
		# No test failed: the build did, or the test process crashed.
		grep -E -A3 'error:|Fatal error|crashed|exited with signal' "$log" | head -100
	fi
	grep -E '^✘ Test run with' "$log"
fi
exit "$status"
