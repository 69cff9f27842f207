import fs from "node:fs";
import os from "node:os";
import { DatabaseSetupError } from "./config.ts";

/**
 * Two processes on one PGlite data directory lose committed data without any error,
 * so the directory is guarded by an exclusive lock file beside it.
 */
export type PgliteLock = { path: string; release: () => void };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquirePgliteLock(dataDir: string): PgliteLock {
  const lockPath = `${dataDir}.lock`;
  const owner = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, owner, { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, "utf8")) as { pid?: number };
          if (current.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return { path: lockPath, release };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") {
        throw new DatabaseSetupError(
          `Cannot write the lock file ${lockPath} (${code}): make the data directory writable or set PGLITE_DATA_DIR`,
        );
      }
      let holder: { pid?: number; host?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, "utf8"));
      } catch {
        // An unreadable lock file is treated as stale below.
      }
      const sameHost = !holder.host || holder.host === os.hostname();
      if (holder.pid && holder.pid !== process.pid && sameHost && isAlive(holder.pid)) {
        throw new DatabaseSetupError(
          `The embedded database ${dataDir} is already open in process ${holder.pid}: stop that process first (only one process may use an embedded database; use DATABASE_URL for several)`,
        );
      }
      if (holder.pid === process.pid) {
        throw new DatabaseSetupError(`The embedded database ${dataDir} is already open in this process`);
      }
      // The holder is gone (crash or kill -9): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseSetupError(`Could not lock the embedded database ${dataDir}: another process keeps taking the lock`);
}
