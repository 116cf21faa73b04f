package dev.wsboot.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time and CPU time over the measured part of a run: the generator's whole process, its
 * I/O threads, the server if its pid is known, and any other processes named with
 * {@code --watch-pids} (under {@code watched}). A generator using close to one core while
 * the server uses less means the generator, not the server, is the limit.
 */
final class CpuWindow {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final List<IoThread> threads;

	private final long serverPid;

	private final long startWall;

	private final long startProcess;

	private final long startIo;

	private final long startServer;

	private final long startProcStat;

	/** CPU time of the watched processes at the start, by name. */
	private final Map<String, Long> watchStart = new LinkedHashMap<>();

	private final Map<String, Long> watchPids;

	private final Map<String, Long> watched = new LinkedHashMap<>();

	private long wall;

	private long process;

	private long io;

	private long server;

	private long procStat;

	private CpuWindow(List<IoThread> threads, long serverPid, Map<String, Long> watchPids) {
		this.threads = threads;
		this.serverPid = serverPid;
		this.watchPids = watchPids;
		watchPids.forEach((name, pid) -> this.watchStart.put(name, ProcFs.cpuNanos(pid)));
		this.startServer = (serverPid > 0) ? ProcFs.cpuNanos(serverPid) : 0;
		this.startProcStat = ProcFs.cpuNanos(ProcessHandle.current().pid());
		this.startProcess = processCpuNanos();
		this.startIo = ioThreadsCpuNanos();
		this.startWall = System.nanoTime();
	}

	static CpuWindow start(List<IoThread> threads, long serverPid) {
		return start(threads, serverPid, Map.of());
	}

	/** Also follows the CPU time of more processes, by name, such as the other nodes of a cluster and its broker. */
	static CpuWindow start(List<IoThread> threads, long serverPid, Map<String, Long> watchPids) {
		return new CpuWindow(threads, serverPid, watchPids);
	}

	CpuWindow stop() {
		this.wall = System.nanoTime() - this.startWall;
		this.io = ioThreadsCpuNanos() - this.startIo;
		this.process = processCpuNanos() - this.startProcess;
		this.procStat = ProcFs.cpuNanos(ProcessHandle.current().pid()) - this.startProcStat;
		this.server = (this.serverPid > 0) ? ProcFs.cpuNanos(this.serverPid) - this.startServer : 0;
		this.watchPids.forEach((name, pid) -> this.watched.put(name, ProcFs.cpuNanos(pid) - this.watchStart.get(name)));
		return this;
	}

	double seconds() {
		return this.wall / 1e9;
	}

	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("wall_s", seconds());
		json.put("generator_cpu_s", this.process / 1e9);
		json.put("generator_cores", (double) this.process / this.wall);
		json.put("generator_io_threads_cpu_s", this.io / 1e9);
		// The same /proc/PID/stat reading as for the server, so the two compare like for like.
		json.put("generator_proc_stat_cpu_s", this.procStat / 1e9);
		if (this.serverPid > 0) {
			json.put("server_cpu_s", this.server / 1e9);
			json.put("server_cores", (double) this.server / this.wall);
		}
		if (!this.watched.isEmpty()) {
			Map<String, Object> processes = new LinkedHashMap<>();
			this.watched.forEach((name, cpu) -> {
				Map<String, Object> process = new LinkedHashMap<>();
				process.put("cpu_s", cpu / 1e9);
				process.put("cores", (double) cpu / this.wall);
				processes.put(name, process);
			});
			json.put("watched", processes);
		}
		return json;
	}

	/** CPU time of this whole JVM (all threads, JIT and GC included). */
	static long processCpuNanos() {
		var os = ManagementFactory.getOperatingSystemMXBean();
		return (os instanceof com.sun.management.OperatingSystemMXBean bean) ? bean.getProcessCpuTime() : -1;
	}

	private long ioThreadsCpuNanos() {
		long total = 0;
		for (IoThread thread : this.threads) {
			total += Math.max(0, THREADS.getThreadCpuTime(thread.thread().getId()));
		}
		return total;
	}
}
