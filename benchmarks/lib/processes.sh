# Shell functions the benchmark scripts share: CPU time, stopping, and free ports.
# Sourced by run-bench.sh and run-cluster-bench.sh; they set clock_ticks themselves.

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat, counted after the command name).
cpu_ticks() {
	local stat
	stat="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }
	stat="${stat##*) }"
	awk '{ print $12 + $13 }' <<<"$stat"
}

# Stops a process with SIGTERM, and with SIGKILL if it is still there after 10 s.
stop_process() {
	local pid="$1"
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
		sleep 0.1
	done
	echo "process $pid ignored SIGTERM for 10 s; killing it" >&2
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# The first port from $1 up that nothing listens on (other work may share this machine).
free_port() {
	local port="$1"
	while command -v ss >/dev/null && [[ -n "$(ss -Htln "sport = :$port" 2>/dev/null)" ]]; do
		port=$((port + 1))
	done
	echo "$port"
}
