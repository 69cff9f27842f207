import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DatabaseSetupError } from "@/lib/server/db/config.ts";
import { openDatabase } from "@/lib/server/db/open.ts";

const children: ChildProcess[] = [];
const tempDirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-"));
  tempDirs.push(dir);
  return dir;
}

function tempDataDir() {
  return path.join(tempDir(), "pglite");
}

/** Opens the data directory in another process and waits until it holds it. */
async function holdInAnotherProcess(dataDir: string): Promise<ChildProcess> {
  const script = `
    import { openDatabase } from "./lib/server/db/open.ts";
    await openDatabase({ kind: "pglite", dataDir: ${JSON.stringify(dataDir)} });
    console.log("open");
    setInterval(() => {}, 1000);
  `;
  // react-server: the database opener reaches the key files, which are server-only.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("open") && resolve());
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
  return child;
}

describe("embedded database lock", () => {
  it("a second process opening the same data directory gets a clear error, and the data stays intact", async () => {
    const dataDir = tempDataDir();
    const first = await openDatabase({ kind: "pglite", dataDir });
    await first.prisma.caseNumberCounter.create({ data: { year: 2001, last: 7 } });
    await first.close();

    const holder = await holdInAnotherProcess(dataDir);
    const attempt = openDatabase({ kind: "pglite", dataDir });
    await expect(attempt).rejects.toThrow(DatabaseSetupError);
    await expect(attempt).rejects.toThrow(`already open in process ${holder.pid}`);

    holder.kill("SIGKILL"); // a crash leaves a stale lock behind…
    await new Promise((resolve) => holder.once("exit", resolve));
    const reopened = await openDatabase({ kind: "pglite", dataDir }); // …which is cleaned up
    expect(await reopened.prisma.caseNumberCounter.findUnique({ where: { year: 2001 } })).toEqual({ year: 2001, last: 7 });
    await reopened.close();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  }, 90_000);

  it("the lock records the holder's pid and host name", async () => {
    const dataDir = tempDataDir();
    const db = await openDatabase({ kind: "pglite", dataDir }, { migrate: false });
    try {
      expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, "utf8"))).toMatchObject({ pid: process.pid, host: os.hostname() });
    } finally {
      await db.close();
    }
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  }, 90_000);

  it("a lock held by a process on another host is never taken over, even when no process has its pid here", async () => {
    const dataDir = tempDataDir();
    const first = await openDatabase({ kind: "pglite", dataDir });
    await first.prisma.caseNumberCounter.create({ data: { year: 2002, last: 3 } });
    await first.close();
    // The stimulus: what a server on another machine sharing this volume leaves beside the data.
    // No process here can be on another host, so the lock file is written as that server writes it.
    const deadPid = 2 ** 22 + 12_345; // above Linux's pid_max: no process here has it
    expect(() => process.kill(deadPid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
    const lock = JSON.stringify({ pid: deadPid, host: "app-2.internal", since: "2026-03-02T09:00:00.000Z" });
    fs.writeFileSync(`${dataDir}.lock`, lock);

    for (let attempt = 0; attempt < 2; attempt++) {
      const opening = openDatabase({ kind: "pglite", dataDir });
      await expect(opening).rejects.toThrow(DatabaseSetupError);
      await expect(opening).rejects.toThrow(
        `The embedded database ${dataDir} is locked by process ${deadPid} on host app-2.internal since 2026-03-02T09:00:00.000Z: stop it there first; if that host is gone for good, delete ${dataDir}.lock`,
      );
    }
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(lock); // left exactly as it was

    // Once someone has checked that host and removed its lock, the data is all there.
    fs.rmSync(`${dataDir}.lock`);
    const reopened = await openDatabase({ kind: "pglite", dataDir });
    expect(await reopened.prisma.caseNumberCounter.findUnique({ where: { year: 2002 } })).toEqual({ year: 2002, last: 3 });
    await reopened.close();
  }, 90_000);

  it("a stale lock of this host (a dead pid, or our pid from before we started) is cleaned up; a hostile host name is quoted, not printed raw", async () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    const deadPid = 2 ** 22 + 54_321;
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: deadPid, host: os.hostname(), since: "2026-03-02T09:00:00.000Z" }));
    const db = await openDatabase({ kind: "pglite", dataDir }, { migrate: false });
    expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, "utf8"))).toMatchObject({ pid: process.pid, host: os.hostname() });
    await db.close();

    // Our own pid in a lock older than this process (a container restarted with the same pid and host name) is stale too…
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), since: "2020-01-01T00:00:00.000Z" }));
    const again = await openDatabase({ kind: "pglite", dataDir }, { migrate: false });
    await again.close();
    // …but not one written since it started.
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));
    await expect(openDatabase({ kind: "pglite", dataDir }, { migrate: false })).rejects.toThrow("is already open in this process");

    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: "x", host: "evil\nCannot start: fake" }));
    const opening = openDatabase({ kind: "pglite", dataDir }, { migrate: false });
    await expect(opening).rejects.toThrow('locked by process ? on host "evil\\nCannot start: fake": stop it there first');
    fs.rmSync(`${dataDir}.lock`);
  }, 90_000);

  it("an unreachable PostgreSQL server is refused with one line naming it", async () => {
    await expect(
      openDatabase({ kind: "postgres", url: "postgresql://app:secret@127.0.0.1:1/conduct", display: "127.0.0.1:1/conduct" }),
    ).rejects.toThrow(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/conduct \(.*\): check DATABASE_URL and that the server is running$/);
  });

  it("an unwritable data directory is refused with what to fix", async () => {
    const file = path.join(tempDir(), "a-file");
    fs.writeFileSync(file, "");
    await expect(openDatabase({ kind: "pglite", dataDir: path.join(file, "pglite") })).rejects.toThrow(
      /directory .* is not writable .*set PGLITE_DATA_DIR/,
    );
  });
});
