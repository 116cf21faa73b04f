#!/usr/bin/env bash
# Runs the Autobahn TestSuite (fuzzingclient mode) against a WebSocket server
# already listening on loopback, then summarizes the report.
#
# Prerequisites (Debian 12, as root), the suite's Python 3 dependencies:
#   apt-get update && apt-get install -y python3-twisted python3-autobahn python3-jinja2 python3-openssl python3-service-identity
# and the suite itself unpacked in $AUTOBAHN_HOME (default /work/tools/autobahn),
# so that $AUTOBAHN_HOME/autobahntestsuite/autobahntestsuite/wstest.py exists.
# The suite is not part of this repository.
#
# Usage:
#   conformance/autobahn/run.sh <port> [path] [agent-name]
#     port        TCP port of the server on 127.0.0.1
#     path        endpoint path, default /echo
#     agent-name  name the report files under, default wsboot
#
# Environment:
#   AUTOBAHN_HOME    folder holding the unpacked suite (default /work/tools/autobahn)
#   AUTOBAHN_PYTHON  interpreter with the Debian packages (default /usr/bin/python3)
#   AUTOBAHN_OUT     folder for the spec, the log and the report
#                    (default ./target, i.e. relative to where the script is run)
#   WSTEST_CPUS      if set, wstest runs under `taskset -c $WSTEST_CPUS`
#   AUTOBAHN_TIMEOUT seconds before wstest is stopped (default 1800); it can
#                    otherwise hang forever when its report writer fails
#   AUTOBAHN_SCHEME  ws (default) or wss: wss runs every case over TLS; the
#                    suite's client does not check the server's certificate,
#                    so a self-signed one will do
#
# Output: $AUTOBAHN_OUT/autobahn-report/ (index.html, index.json, one file per
# case), $AUTOBAHN_OUT/autobahn-wstest.log, the wall time of the run in seconds,
# and the summary printed by summarize.py.
#
# Exit status: 0 when every case is OK or INFORMATIONAL (behavior and close
# behavior), 1 when some case is not, 2 on a usage or setup error.
set -euo pipefail

usage() {
  echo "usage: $0 <port> [path] [agent-name]" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 3 ]] || usage
port=$1
path=${2:-/echo}
agent=${3:-wsboot}
[[ $port =~ ^[0-9]+$ ]] && (( port > 0 && port < 65536 )) || { echo "run.sh: bad port '$port'" >&2; usage; }
[[ $path == /* ]] || { echo "run.sh: path must start with '/': '$path'" >&2; usage; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
AUTOBAHN_HOME=${AUTOBAHN_HOME:-/work/tools/autobahn}
AUTOBAHN_PYTHON=${AUTOBAHN_PYTHON:-/usr/bin/python3}
out=${AUTOBAHN_OUT:-target}
suite_path=$AUTOBAHN_HOME/autobahntestsuite
wstest_timeout=${AUTOBAHN_TIMEOUT:-1800}
scheme=${AUTOBAHN_SCHEME:-ws}
[[ $scheme == ws || $scheme == wss ]] || { echo "run.sh: AUTOBAHN_SCHEME must be ws or wss: '$scheme'" >&2; exit 2; }

if [[ ! -f $suite_path/autobahntestsuite/wstest.py ]]; then
  echo "run.sh: the suite is not at $suite_path (set AUTOBAHN_HOME)" >&2
  exit 2
fi
if ! "$AUTOBAHN_PYTHON" -c 'import twisted, autobahn, jinja2, OpenSSL, service_identity' 2>/dev/null; then
  echo "run.sh: $AUTOBAHN_PYTHON lacks the suite's packages; install them with:" >&2
  echo "  apt-get update && apt-get install -y python3-twisted python3-autobahn python3-jinja2 python3-openssl python3-service-identity" >&2
  exit 2
fi
# Fail fast when nothing listens: wstest would otherwise write an empty report.
if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "run.sh: nothing is listening on 127.0.0.1:$port" >&2
  exit 2
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
report_dir=$out/autobahn-report
spec=$out/autobahn-spec.json
log=$out/autobahn-wstest.log

url="${scheme}://127.0.0.1:${port}${path}"
"$AUTOBAHN_PYTHON" - "$here/fuzzingclient.json" "$spec" "$url" "$agent" "$report_dir" <<'PY'
import json, sys
template, target, url, agent, outdir = sys.argv[1:]
with open(template, encoding="utf-8") as f:
    spec = json.load(f)
spec["servers"] = [{"agent": agent, "url": url}]
spec["outdir"] = outdir
with open(target, "w", encoding="utf-8") as f:
    json.dump(spec, f, indent=3)
    f.write("\n")
PY

rm -rf "$report_dir"
pin=()
if [[ -n ${WSTEST_CPUS:-} ]]; then
  pin=(taskset -c "$WSTEST_CPUS")
fi

echo "Autobahn: $url  agent=$agent  report=$report_dir"
start=$(date +%s.%N)
set +e
( cd "$out" && PYTHONPATH="$suite_path${PYTHONPATH:+:$PYTHONPATH}" \
    timeout "$wstest_timeout" "${pin[@]}" "$AUTOBAHN_PYTHON" "$here/wstest_launcher.py" \
      -m fuzzingclient -s "$spec" ) >"$log" 2>&1
wstest_status=$?
set -e
end=$(date +%s.%N)
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
echo "wstest wall time: ${seconds} s (exit status $wstest_status, log $log)"

if [[ $wstest_status -eq 124 ]]; then
  echo "run.sh: wstest did not finish within ${wstest_timeout} s (AUTOBAHN_TIMEOUT)" >&2
fi
if [[ $wstest_status -ne 0 || ! -f $report_dir/index.json ]]; then
  echo "run.sh: wstest did not produce $report_dir/index.json; last lines of its log:" >&2
  tail -n 20 "$log" >&2
  exit 2
fi

echo
set +e
"$AUTOBAHN_PYTHON" "$here/summarize.py" "$report_dir/index.json" --agent "$agent"
status=$?
set -e
exit "$status"
