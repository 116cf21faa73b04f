#!/usr/bin/env bash
# Headless Chromium opens wss:// to a running server, trusting exactly its certificate,
# exchanges text and binary messages with its echo endpoint and closes; prints what the
# page saw and exits 0 when every message came back.
#
# Usage: conformance/browser/run-chromium-wss.sh <port> <certificate.pem> [path]
#   port         the server's TLS port on 127.0.0.1 (the page itself is served on another port)
#   certificate  the server's certificate, PEM: Chromium trusts its key (--ignore-certificate-errors-spki-list)
#   path         echo endpoint, default /echo
# Needs: chromium (Debian package), python3, openssl.
set -euo pipefail
[[ $# -ge 2 && $# -le 3 ]] || { echo "usage: $0 <port> <certificate.pem> [path]" >&2; exit 2; }
port=$1
certificate=$2
path=${3:-/echo}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'kill "$web_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

spki=$(openssl x509 -in "$certificate" -pubkey -noout | openssl pkey -pubin -outform der \
  | openssl dgst -sha256 -binary | base64)
# The page comes from localhost too: the server admits pages of its own host on any port.
web_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$web_port" --bind 127.0.0.1 --directory "$here" >"$work/web.log" 2>&1 &
web_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$web_port") 2>/dev/null && break; sleep 0.1; done

dom=$(timeout 60 chromium --headless=new --no-sandbox --disable-gpu --user-data-dir="$work/profile" \
  --ignore-certificate-errors-spki-list="$spki" --virtual-time-budget=15000 --dump-dom \
  "http://localhost:$web_port/wss-echo.html?port=$port&path=$path" 2>"$work/chromium.log")
result=$(printf '%s' "$dom" | python3 -c 'import sys,re,html; m=re.search(r"<pre id=\"result\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "no result")')
echo "$result"
expected_texts=3
if [[ $(grep -c '^text ok' <<<"$result") -eq $expected_texts ]] \
    && grep -q '^binary 0,1,2,253,254,255$' <<<"$result" && grep -q '^close 1000 true$' <<<"$result"; then
  echo "PASS: Chromium exchanged messages over wss://localhost:$port$path"
else
  echo "FAIL (Chromium's log: $work/chromium.log)" >&2
  tail -n 20 "$work/chromium.log" >&2
  exit 1
fi
