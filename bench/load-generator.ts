// A load generator in its own process (issue 8): posts pre-signed bodies from a file to a URL,
// either closed-loop (N in flight, as fast as the target answers) or open-loop (a fixed rate,
// latency measured from the scheduled send time so a slow target cannot hide its queueing).
import { readFile } from "node:fs/promises";
import http from "node:http";

interface Job {
  url: string;
  bodiesFile: string;
  mode: "closed" | "open";
  /** closed: requests in flight */
  concurrency?: number;
  /** open: requests per second */
  rate?: number;
}

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const bodies = JSON.parse(await readFile(job.bodiesFile, "utf8")) as { body: string; signature: string }[];
const url = new URL(job.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const latencies: number[] = [];
const statuses = new Map<number, number>();

function post(item: { body: string; signature: string }): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(item.body),
          "x-cal-signature-256": item.signature,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(item.body);
  });
}

const record = (status: number, since: number) => {
  latencies.push(performance.now() - since);
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
};

const started = performance.now();
if (job.mode === "closed") {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const item = bodies[next++] as (typeof bodies)[number];
      const t = performance.now();
      record(await post(item), t);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency ?? 32 }, worker));
} else {
  const interval = 1000 / (job.rate ?? 200);
  const pending: Promise<void>[] = [];
  for (const [i, item] of bodies.entries()) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(post(item).then((status) => record(status, due)));
  }
  await Promise.all(pending);
}
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
process.stdout.write(
  `${JSON.stringify({
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: pct(50),
    p99: pct(99),
    max: latencies.at(-1) ?? 0,
    statuses: Object.fromEntries(statuses),
  })}\n`,
);
agent.destroy();
