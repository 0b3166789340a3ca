// The ideal floor for webhook ingestion (issue 8): a bare node:http server that reads the raw body,
// checks Cal.com's HMAC with node:crypto and does one INSERT with pg. Nothing else — no parsing,
// no mapping, no outbox. The bridge is measured against it in the same run.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import pg from "pg";

const { DATABASE_URL, SECRET } = process.env;
if (!DATABASE_URL || !SECRET) throw new Error("floor-server needs DATABASE_URL and SECRET");
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
await pool.query(
  `CREATE TABLE IF NOT EXISTS floor_delivery (id bigserial PRIMARY KEY, body bytea NOT NULL, received timestamptz NOT NULL DEFAULT now())`,
);

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const expected = createHmac("sha256", SECRET).update(body).digest();
    const received = Buffer.from(String(req.headers["x-cal-signature-256"] ?? ""), "hex");
    if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
      res.writeHead(401).end();
      return;
    }
    pool.query("INSERT INTO floor_delivery (body) VALUES ($1)", [body]).then(
      () => res.writeHead(200, { "content-type": "application/json" }).end('{"success":true}'),
      () => res.writeHead(503).end(),
    );
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`,
  );
});
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
