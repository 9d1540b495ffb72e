-- wrk script: POST a melding (or a bare ping) with an organisation token; report p50/p95/p99 as JSON.
local token = os.getenv("GIPZ_BENCH_TOKEN")
local body = os.getenv("GIPZ_BENCH_BODY") or "{}"
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Token " .. token
-- As nginx sends it (deploy/nginx.conf): production settings redirect plain http otherwise.
wrk.headers["X-Forwarded-Proto"] = "https"

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "non_2xx": %d, "socket_errors": %d, ' ..
    '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "mean_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000))
end
