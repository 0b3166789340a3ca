import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * One bridge per DATA_DIR: the embedded PostgreSQL is stopped by the bridge that owns it, so a
 * second bridge on the same directory would take the first one's database down with it.
 * A pid file left by a killed bridge is taken over.
 */
export async function claimDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  const file = path.resolve(dataDir, "bridge.pid");
  await mkdir(path.dirname(file), { recursive: true });
  const previous = Number((await readFile(file, "utf8").catch(() => "")).trim());
  if (Number.isInteger(previous) && previous > 0 && previous !== process.pid && isAlive(previous)) {
    throw new Error(
      `Another bridge (pid ${previous}) is running on DATA_DIR=${dataDir}. ` +
        "Stop it, or give this one its own DATA_DIR or a DATABASE_URL.",
    );
  }
  await writeFile(file, `${process.pid}\n`);
  return {
    release: async () => {
      const owner = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (owner === process.pid) await rm(file, { force: true });
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}
