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
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
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
