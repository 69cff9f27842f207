import fs from "node:fs";
import os from "node:os";
import { DatabaseSetupError } from "./config.ts";

/**
 * Two processes on one PGlite data directory lose committed data without any error,
 * so the directory is guarded by an exclusive lock file beside it. The lock records the
 * holder's pid and host name: a dead pid of this host is a stale lock (cleaned up); a lock
 * of another host is always refused, since its pid cannot be checked from here.
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
          const current = JSON.parse(fs.readFileSync(lockPath, "utf8")) as { pid?: number; host?: string };
          if (current.pid === process.pid && current.host === os.hostname()) fs.unlinkSync(lockPath);
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
      let holder: { pid?: number; host?: string; since?: string } = {};
      try {
        const parsed: unknown = JSON.parse(fs.readFileSync(lockPath, "utf8"));
        if (parsed && typeof parsed === "object") holder = parsed as typeof holder;
      } catch {
        // An unreadable lock file is treated as stale below.
      }
      // A process on another machine (a shared or network volume) cannot be seen from here: its
      // pid means nothing on this host, so the lock is never taken over, whatever that pid is.
      if (typeof holder.host === "string" && holder.host !== os.hostname()) {
        const host = /^[\w.-]{1,253}$/.test(holder.host) ? holder.host : JSON.stringify(holder.host.slice(0, 253));
        const pid = Number.isSafeInteger(holder.pid) ? holder.pid : "?";
        const since = typeof holder.since === "string" ? ` since ${holder.since.slice(0, 40)}` : "";
        throw new DatabaseSetupError(
          `The embedded database ${dataDir} is locked by process ${pid} on host ${host}${since}: stop it there first; if that host is gone for good, delete ${lockPath} (only one process may use an embedded database; use DATABASE_URL for several)`,
        );
      }
      const pid = Number.isSafeInteger(holder.pid) && holder.pid! > 0 ? holder.pid! : undefined;
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DatabaseSetupError(
          `The embedded database ${dataDir} is already open in process ${pid}: stop that process first (only one process may use an embedded database; use DATABASE_URL for several)`,
        );
      }
      // Our own pid in a lock written before this process started (a container restarted with the
      // same pid and host name) is stale too.
      const lockedAt = typeof holder.since === "string" ? Date.parse(holder.since) : NaN;
      if (pid === process.pid && !(lockedAt < Date.now() - process.uptime() * 1000 - 1000)) {
        throw new DatabaseSetupError(`The embedded database ${dataDir} is already open in this process`);
      }
      // The holder is gone (crash or kill -9): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseSetupError(`Could not lock the embedded database ${dataDir}: another process keeps taking the lock`);
}
