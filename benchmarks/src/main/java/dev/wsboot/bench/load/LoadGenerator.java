package dev.wsboot.bench.load;

/**
 * Entry point: {@code java -cp benchmarks.jar dev.wsboot.bench.load.LoadGenerator --scenario echo ...};
 * {@code --tls <certificate.pem>} makes every connection speak TLS, trusting that certificate.
 * Progress goes to stderr and exactly one JSON line of results to stdout. Exit status: 0 clean,
 * 1 errors or a failed run, 2 bad arguments, 3 an echo differed from what was sent.
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	public static void main(String[] args) {
		LoadOptions options;
		try {
			options = LoadOptions.parse(ClientTls.take(args));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(LoadOptions.USAGE);
			System.exit(2);
			return;
		}
		Errors errors = new Errors();
		Results results = new Results().put("scenario", options.scenario()).put("params", options.toJson());
		long cpuStart = CpuWindow.processCpuNanos();
		long wallStart = System.nanoTime();
		boolean failed = false;
		try (LoadRun run = new LoadRun(options, errors)) {
			results.putAll(Scenario.named(options.scenario()).run(run));
		}
		catch (Exception ex) {
			failed = true;
			System.err.println("run failed: " + ex);
			results.put("failed", ex.toString());
		}
		results.put("errors", errors.toJson());
		results.put("generator_total_cpu_s", (CpuWindow.processCpuNanos() - cpuStart) / 1e9);
		results.put("generator_total_wall_s", (System.nanoTime() - wallStart) / 1e9);
		System.out.println(results.toJsonLine());
		System.out.flush();
		long mismatches = errors.count(Errors.PAYLOAD_MISMATCH);
		if (mismatches > 0) {
			System.err.println("FAILED: " + mismatches + " echoed message(s) differed from what was sent");
			System.exit(3);
		}
		System.exit((failed || errors.total() > 0) ? 1 : 0);
	}
}
