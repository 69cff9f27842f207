import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAudit } from "@/lib/server/audit/verify-audit.ts";
import { backupDatabase, restoreDatabase } from "@/lib/server/db/backup.ts";
import type { DatabaseConfig } from "@/lib/server/db/config.ts";
import { setAppDatabase } from "@/lib/server/db.ts";
import { openDatabase } from "@/lib/server/db/open.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import { createThrowawayPostgres, unique } from "./harness.ts";

/*
 * Issue 14, item 5: a backup, then more data, then a restore gives the data as at the backup,
 * with an intact audit chain; a restore into a database that holds data refuses without --force,
 * and the embedded one that was in the way is moved aside, never deleted.
 */

const system = { system: true as const, label: "test" };
const root = fs.mkdtempSync(path.join(os.tmpdir(), "backup-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function withApp<T>(config: DatabaseConfig, fn: () => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  setAppDatabase(db);
  try {
    return await fn();
  } finally {
    setAppDatabase(undefined);
    await db.close();
  }
}

const addMember = (name: string) =>
  createMember({ actor: system, input: { displayName: name, identities: [{ space: "github", handle: unique("gh") }] } });
async function names(config: DatabaseConfig): Promise<string[]> {
  const db = await openDatabase(config, { migrate: false });
  try {
    return (await db.prisma.member.findMany({ orderBy: { displayName: "asc" }, select: { displayName: true } })).map((m) => m.displayName);
  } finally {
    await db.close();
  }
}

const backends: {
  name: string;
  config: () => Promise<{ config: DatabaseConfig; other: () => Promise<DatabaseConfig>; drop: () => Promise<void> }>;
}[] = [
  {
    name: "pglite",
    config: async () => {
      const dir = fs.mkdtempSync(path.join(root, "pglite-"));
      return {
        config: { kind: "pglite", dataDir: path.join(dir, "pglite") },
        other: async () => ({ kind: "pglite", dataDir: path.join(dir, "elsewhere") }),
        drop: async () => {},
      };
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "postgres",
          config: async () => {
            const a = await createThrowawayPostgres();
            const b = await createThrowawayPostgres();
            return {
              config: { kind: "postgres" as const, url: a.url, display: "test" },
              other: async () => ({ kind: "postgres" as const, url: b.url, display: "test (empty)" }),
              drop: async () => {
                await a.drop();
                await b.drop();
              },
            };
          },
        },
      ]
    : []),
];

describe.each(backends)("backups [$name]", ({ config: setup }) => {
  it("backup, more data, restore: the data as at the backup and the chain intact; a database that holds data needs --force", async () => {
    const { config, other, drop } = await setup();
    try {
      const before = `Before ${unique()}`;
      const after = `After ${unique()}`;
      await withApp(config, () => addMember(before));
      const file = path.join(root, `${unique("backup")}.bak`);
      const { bytes } = await backupDatabase(config, file);
      expect(bytes).toBeGreaterThan(0);
      await expect(backupDatabase(config, file)).rejects.toThrow(/already exists: choose a new file name/);
      await withApp(config, () => addMember(after));
      expect(await names(config)).toEqual([after, before].sort());

      await expect(restoreDatabase(config, file)).rejects.toThrow(/--force/);
      expect(await names(config)).toEqual([after, before].sort()); // refused: nothing changed
      const { movedAside } = await restoreDatabase(config, file, { force: true });
      if (config.kind === "pglite") expect(fs.existsSync(movedAside!)).toBe(true);
      expect(await names(config)).toEqual([before]);
      const restored = await openDatabase(config);
      try {
        expect(await verifyAudit(restored.prisma, { sign: false })).toMatchObject({ ok: true });
      } finally {
        await restored.close();
      }

      // Into an empty database, no --force needed.
      const fresh = await other();
      await restoreDatabase(fresh, file);
      expect(await names(fresh)).toEqual([before]);
    } finally {
      await drop();
    }
  }, 120_000);

  it("a file that is not a backup of this kind of database is refused, naming what it is", async () => {
    const { config, drop } = await setup();
    try {
      const junk = path.join(root, `${unique("junk")}.bak`);
      fs.writeFileSync(junk, "not a backup");
      await expect(restoreDatabase(config, junk)).rejects.toThrow(/is not a backup of this app/);
      await expect(restoreDatabase(config, path.join(root, "missing.bak"))).rejects.toThrow(/Cannot read .*ENOENT/);
    } finally {
      await drop();
    }
  });
});
