import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { seedDemoCommunity } from "@/prisma/demo-community.ts";
import { getCase } from "@/lib/server/cases/get-case.ts";
import { revealReporter } from "@/lib/server/cases/reveal-reporter.ts";
import { generateDataKeyText, parseDataKeys } from "@/lib/server/crypto/data-keys.ts";
import { reporterBlindIndex } from "@/lib/server/crypto/reporter-identity.ts";
import { rotateReporterKey } from "@/lib/server/crypto/rotate-data-key.ts";
import { findPgTool } from "@/lib/server/db/backup.ts";
import type { DatabaseConfig } from "@/lib/server/db/config.ts";
import { setAppDatabase } from "@/lib/server/db.ts";
import { openDatabase, PGLITE_OPTIONS } from "@/lib/server/db/open.ts";
import { assertMayEditMember } from "@/lib/server/members/assert-may-edit-member.ts";
import { mergeMembers } from "@/lib/server/members/merge-members.ts";
import { BACKENDS, createThrowawayPostgres, unique, type TestDatabase } from "./harness.ts";
import { logCase, newActor, newMember } from "./cases-helpers.ts";
import { storedReporter } from "./reporter-helpers.ts";

/*
 * Issue 14, item 4: a case's reporter (a member's id, or a contact's name and email) is stored
 * encrypted under a key outside the database, with a keyed blind index for "cases this member
 * reported"; nothing in the database links a case to its reporter in clear.
 */

const root = fs.mkdtempSync(path.join(os.tmpdir(), "reporters-"));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
  fs.rmSync(root, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
  setAppDatabase(undefined);
});

/** A database that can be closed and opened again: PGlite in a directory, or a throwaway PostgreSQL. */
async function reopenable(backend: (typeof BACKENDS)[number]): Promise<DatabaseConfig> {
  if (backend.name === "pglite") return { kind: "pglite", dataDir: path.join(fs.mkdtempSync(path.join(root, "db-")), "pglite") };
  const throwaway = await createThrowawayPostgres();
  cleanups.push(throwaway.drop);
  return { kind: "postgres", url: throwaway.url, display: "test" };
}

async function openApp(config: DatabaseConfig, options: Parameters<typeof openDatabase>[1] = {}): Promise<TestDatabase> {
  const db = await openDatabase(config, options);
  setAppDatabase(db);
  return { ...db, drop: async () => {} };
}

/** The whole database as bytes: pg_dump's plain SQL, or PGlite's own dump of its data directory (an uncompressed tar). */
async function dumpOf(config: DatabaseConfig): Promise<Buffer> {
  if (config.kind === "postgres") {
    const result = spawnSync(findPgTool("pg_dump"), ["--dbname", config.url, "--format", "plain"], { maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(`pg_dump failed: ${result.stderr.toString()}`);
    return result.stdout;
  }
  const pglite = await PGlite.create(config.dataDir, PGLITE_OPTIONS);
  try {
    return Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer());
  } finally {
    await pglite.close();
  }
}

const CONTACTS = ["Event staff (DataConf)", "staff@dataconf.example", "A. Reader", "reader@example.com"];

describe.each(BACKENDS)("reporters encrypted at rest [$name]", (backend) => {
  it("after the demo seed, a dump of the database holds no reporter's name, contact or handle, and no column of Case holds a member id but the subject's", async () => {
    const config = await reopenable(backend);
    const db = await openApp(config);
    await seedDemoCommunity();
    // A reporter who is new to the community, given by name and email, with hostile text.
    const subject = await newMember(db, "Subject");
    const moderator = await newActor(db, "moderator");
    const outsider = { name: `Outsider ${unique("n")}`, email: `${unique("mail")}@reporters.example` };
    await logCase(moderator, subject.id, { reporter: { kind: "contact", name: outsider.name, email: outsider.email } });

    const cases = await db.prisma.$queryRawUnsafe<{ id: string; row: Record<string, unknown> }[]>(
      `SELECT id::text AS id, row_to_json(c) AS row FROM "Case" c`,
    );
    const memberIds = new Set((await db.prisma.member.findMany({ select: { id: true } })).map((m) => m.id));
    const reporters = new Map<string, { memberId?: string; name?: string; contact?: string }>();
    for (const c of cases) {
      const r = await storedReporter(db, c.id);
      if (r) reporters.set(c.id, r);
    }
    // The app still reads every reporter with its key: the demo's nine member reporters, its two contacts, and the outsider.
    expect([...reporters.values()].filter((r) => r.memberId)).toHaveLength(9);
    expect([...reporters.values()].map((r) => r.contact)).toEqual(
      expect.arrayContaining(["staff@dataconf.example", "reader@example.com", outsider.email]),
    );
    const memberReporters = new Set([...reporters.values()].flatMap((r) => (r.memberId ? [r.memberId] : [])));

    for (const c of cases) {
      for (const [column, value] of Object.entries(c.row)) {
        if (column === "subjectId") continue;
        expect(typeof value === "string" && memberIds.has(value), `Case.${column} holds a member id`).toBe(false);
        if (typeof value === "string") for (const id of memberReporters) expect(value, `Case.${column}`).not.toContain(id);
      }
      expect(c.row.reporterMemberId ?? null).toBeNull();
      expect(c.row.reporterName ?? null).toBeNull();
      expect(c.row.reporterContact ?? null).toBeNull();
    }
    // No other row ties a case to its reporter as its reporter: no reporter-only protection, no audit event naming them.
    expect(await db.prisma.noContactProtection.count({ where: { named: false } })).toBe(0);
    for (const [caseId, r] of reporters) {
      if (!r.memberId) continue;
      const events = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "AuditEvent" WHERE ("entityId" = $1 OR metadata::text LIKE '%' || $1 || '%') AND metadata::text LIKE '%' || $2 || '%'`,
        caseId,
        r.memberId,
      );
      expect(events[0]!.n, `an audit event of case ${caseId} names its reporter`).toBe(0);
    }
    await db.close();
    setAppDatabase(undefined);

    const dump = (await dumpOf(config)).toString("latin1");
    // The dump is readable: a case's description is in it, in clear.
    expect(dump).toContain("Direct-messaged dozens of members offering paid consulting services.");
    for (const text of [...CONTACTS, outsider.email, outsider.name.slice(0, 12)]) expect(dump, text).not.toContain(text);
  }, 240_000);

  it("a reporter stays usable through its blind index: recusal, the audited reveal and a merge that moves the cases it reported", async () => {
    const config = await reopenable(backend);
    const db = await openApp(config);
    const subject = await newMember(db, "Subject");
    const reporter = await newMember(db, "Reporter");
    const duplicate = await newMember(db, "Duplicate");
    const admin = await newActor(db, "admin");
    const asReporter = await newActor(db, "moderator", { memberId: reporter.id });
    const created = await logCase(admin, subject.id, { reporter: { kind: "member", member: { memberId: duplicate.id } } });

    const row = await db.prisma.case.findUniqueOrThrow({ where: { id: created.id }, select: { reporterBlindIndex: true } });
    expect(row.reporterBlindIndex).toBe(reporterBlindIndex(db.dataKeys!, duplicate.id));
    expect(row.reporterBlindIndex).not.toContain(duplicate.id);

    // The duplicate record is merged into the reporter's: the case is now reported by the target.
    await mergeMembers({
      actor: admin,
      input: { sourceId: duplicate.id, targetId: reporter.id, reason: "The same person under a second GitHub account." },
    });
    expect((await storedReporter(db, created.id))?.memberId).toBe(reporter.id);
    const moved = await db.prisma.case.findUniqueOrThrow({ where: { id: created.id }, select: { reporterBlindIndex: true } });
    expect(moved.reporterBlindIndex).toBe(reporterBlindIndex(db.dataKeys!, reporter.id));

    // The reporter, now a moderator, is recused from it and may not edit the subject's record.
    expect((await getCase({ actor: asReporter, number: created.number }))?.access).toBe("recused");
    await expect(assertMayEditMember(db.prisma, asReporter, [subject.id])).rejects.toThrow();
    await expect(revealReporter({ actor: asReporter, input: { caseId: created.id } })).rejects.toThrow();

    const revealed = await revealReporter({ actor: admin, input: { caseId: created.id } });
    expect(revealed).toMatchObject({ kind: "member", memberId: reporter.id });
    await db.close();
  }, 120_000);

  it("without its key the database refuses to start, naming what to restore; with the wrong key too", async () => {
    const config = await reopenable(backend);
    const keysDir = fs.mkdtempSync(path.join(root, "keys-"));
    vi.stubEnv("KEYS_DIR", keysDir);
    const first = await openApp(config, { dataEncryptionKey: backend.name === "pglite" ? "" : undefined });
    const subject = await newMember(first, "Subject");
    const moderator = await newActor(first, "moderator");
    const created = await logCase(moderator, subject.id, {
      reporter: { kind: "contact", name: "Kim Contact", email: "kim@contact.example" },
    });
    await first.close();
    setAppDatabase(undefined);

    if (config.kind === "pglite") {
      // The key file: in the keys directory (beside the data directory, never inside it), owner-only.
      const file = path.join(keysDir, "data-encryption.key");
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe("600");
      expect(path.relative(config.dataDir, file).startsWith("..")).toBe(true);
      fs.renameSync(file, `${file}.away`);
      await expect(openDatabase(config, { dataEncryptionKey: "" })).rejects.toThrow(
        /holds the encrypted reporters of 1 case, but its key file .*data-encryption\.key is missing: restore it from your backup/,
      );
      fs.renameSync(`${file}.away`, file);
      const again = await openApp(config, { dataEncryptionKey: "" });
      expect(await storedReporter(again, created.id)).toEqual({ name: "Kim Contact", contact: "kim@contact.example" });
      await again.close();
    } else {
      await expect(openDatabase(config, { dataEncryptionKey: "" })).rejects.toThrow(/Set DATA_ENCRYPTION_KEY/);
    }
    await expect(openDatabase(config, { dataEncryptionKey: generateDataKeyText() })).rejects.toThrow(
      /The reporters of 1 case are encrypted under key [0-9a-f]{16}, which DATA_ENCRYPTION_KEY does not hold/,
    );
  }, 120_000);

  it("keys:rotate encrypts every reporter again under the new key and recomputes the blind indexes, audited; run again it moves nothing", async () => {
    const config = await reopenable(backend);
    const oldKey = generateDataKeyText();
    const newKey = generateDataKeyText();
    const before = await openApp(config, { dataEncryptionKey: oldKey });
    const subject = await newMember(before, "Subject");
    const reporter = await newMember(before, "Reporter");
    const admin = await newActor(before, "admin");
    const asReporter = await newActor(before, "moderator", { memberId: reporter.id });
    const byMember = await logCase(admin, subject.id, { reporter: { kind: "member", member: { memberId: reporter.id } } });
    const byContact = await logCase(admin, subject.id, {
      reporter: { kind: "contact", name: "Rota Contact", email: "rota@contact.example" },
    });
    await before.close();
    setAppDatabase(undefined);

    // Both keys configured, the new one first (README): the app reads either while the rotation runs.
    const during = await openApp(config, { dataEncryptionKey: `${newKey},${oldKey}` });
    expect((await getCase({ actor: asReporter, number: byMember.number }))?.access).toBe("recused");
    const result = await rotateReporterKey(during, during.dataKeys!);
    expect(result.reencrypted).toBe(2);
    expect(result.unreadable.size).toBe(0);
    const newId = parseDataKeys(newKey, "test").current.id;
    const rows = await during.prisma.case.findMany({ where: { reporterEncrypted: { not: null } }, select: { reporterEncrypted: true } });
    expect(rows.every((r) => r.reporterEncrypted!.split(".")[1] === newId)).toBe(true);
    const again = await rotateReporterKey(during, during.dataKeys!);
    expect(again.reencrypted).toBe(0);
    const events = await during.prisma.auditEvent.findMany({ where: { action: "data_key.rotated" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => (e.metadata as { reencrypted: number }).reencrypted)).toEqual([2, 0]);
    const metadata = JSON.stringify(events.map((e) => e.metadata));
    expect(metadata).not.toContain(reporter.id);
    expect(metadata).not.toContain("rota@contact.example");
    await during.close();
    setAppDatabase(undefined);

    // The new key alone opens everything; the old one alone no longer does.
    const after = await openApp(config, { dataEncryptionKey: newKey });
    expect(await storedReporter(after, byContact.id)).toEqual({ name: "Rota Contact", contact: "rota@contact.example" });
    expect((await getCase({ actor: asReporter, number: byMember.number }))?.access).toBe("recused");
    const member = await after.prisma.case.findUniqueOrThrow({ where: { id: byMember.id }, select: { reporterBlindIndex: true } });
    expect(member.reporterBlindIndex).toBe(reporterBlindIndex(after.dataKeys!, reporter.id));
    await after.close();
    setAppDatabase(undefined);
    await expect(openDatabase(config, { dataEncryptionKey: oldKey })).rejects.toThrow(/which DATA_ENCRYPTION_KEY does not hold/);
  }, 120_000);
});

describe("keys:rotate with the embedded database's key file", () => {
  it("writes a new key first into the key file, moves every reporter under it, then leaves it alone in the file; audited", async () => {
    const dir = fs.mkdtempSync(path.join(root, "rotate-cli-"));
    const dataDir = path.join(dir, "pglite");
    const keysDir = path.join(dir, "keys");
    const env = { ...process.env, DATABASE_URL: "", DATA_ENCRYPTION_KEY: "", PGLITE_DATA_DIR: dataDir, KEYS_DIR: keysDir };
    vi.stubEnv("KEYS_DIR", keysDir);
    const config: DatabaseConfig = { kind: "pglite", dataDir };
    const db = await openApp(config, { dataEncryptionKey: "" });
    const subject = await newMember(db, "Subject");
    const admin = await newActor(db, "admin");
    const created = await logCase(admin, subject.id, {
      reporter: { kind: "contact", name: "File Contact", email: "file@contact.example" },
    });
    const oldId = db.dataKeys!.current.id;
    await db.close();
    setAppDatabase(undefined);

    const run = spawnSync("npm", ["run", "--silent", "keys:rotate"], { cwd: process.cwd(), encoding: "utf8", env, timeout: 120_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Reporters of 1 case encrypted again under key [0-9a-f]{16}, blind indexes recomputed/);

    const file = path.join(keysDir, "data-encryption.key");
    const keys = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"));
    expect(keys).toHaveLength(1);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe("600");
    const after = await openApp(config, { dataEncryptionKey: "" });
    expect(after.dataKeys!.current.id).not.toBe(oldId);
    expect(await storedReporter(after, created.id)).toEqual({ name: "File Contact", contact: "file@contact.example" });
    expect(await after.prisma.auditEvent.count({ where: { action: "data_key.rotated" } })).toBe(1);
    await after.close();
  }, 180_000);
});
