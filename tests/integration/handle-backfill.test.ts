import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenDatabase } from "@/lib/server/db/open.ts";
import { backfillHandleKeys } from "@/lib/server/members/backfill-handles.ts";
import { handleSkeleton } from "@/lib/schemas/handle-skeleton.ts";
import { BACKENDS, createThrowawayPostgres } from "./harness.ts";

/*
 * Identities written before handles had skeletons (and by the older normalizeHandle, which only
 * trimmed, dropped "@" and lower-cased): the next database open fills them in.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A database that can be closed and opened again: PGlite in a directory, or a throwaway PostgreSQL. */
async function reopenable(backend: (typeof BACKENDS)[number]) {
  if (backend.name === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-backfill-"));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    return (warn?: (line: string) => void) => openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") }, { warn });
  }
  const throwaway = await createThrowawayPostgres();
  cleanups.push(throwaway.drop);
  return (warn?: (line: string) => void) => openDatabase({ kind: "postgres", url: throwaway.url, display: "test" }, { warn });
}

/** As an older version wrote it: no skeleton, the old normalisation. */
async function insertOld(db: OpenDatabase, memberId: string, space: string, handle: string) {
  const oldNormalized = handle.trim().replace(/^@+/, "").toLowerCase();
  await db.prisma.$executeRaw`
    INSERT INTO "MemberIdentity" (id, "memberId", space, handle, "handleNormalized")
    VALUES (${randomUUID()}::uuid, ${memberId}::uuid, ${space}::"Space", ${handle}, ${oldNormalized})`;
}

describe.each(BACKENDS)("handle keys filled in at open [$name]", (backend) => {
  it("rows without a skeleton get one at the next open, re-normalised unless that collides; nothing to do costs one query", async () => {
    const open = await reopenable(backend);
    const first = await open();
    const member = await first.prisma.member.create({ data: { displayName: "Noor Haddad" }, select: { id: true } });
    const other = await first.prisma.member.create({ data: { displayName: "Someone Else" }, select: { id: true } });
    await insertOld(first, member.id, "github", "ＮｏｏｒＨ"); // fullwidth: the old key kept it fullwidth
    await insertOld(first, member.id, "slack", "U0NOOR");
    await insertOld(first, other.id, "github", "dup\u200Bhandle"); // the old key kept the zero-width space…
    await insertOld(first, member.id, "github", "DupHandle"); // …so this one already holds "duphandle"
    expect(await first.prisma.memberIdentity.count({ where: { skeleton: null } })).toBe(4);
    await first.close();

    const warnings: string[] = [];
    const second = await open((line) => warnings.push(line));
    const rows = await second.prisma.memberIdentity.findMany({
      orderBy: { handle: "asc" },
      select: { handle: true, handleNormalized: true, skeleton: true },
    });
    expect(rows).toEqual([
      { handle: "DupHandle", handleNormalized: "duphandle", skeleton: handleSkeleton("duphandle") },
      { handle: "U0NOOR", handleNormalized: "u0noor", skeleton: handleSkeleton("u0noor") },
      { handle: "dup\u200Bhandle", handleNormalized: "dup\u200Bhandle", skeleton: handleSkeleton("duphandle") },
      { handle: "ＮｏｏｒＨ", handleNormalized: "noorh", skeleton: handleSkeleton("noorh") },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('now reads as "duphandle", which another identity holds: kept');

    // Every row has its keys: the next open asks one question and writes nothing.
    const queries: string[] = [];
    const result = await backfillHandleKeys({
      query: async <T>(sql: string, params?: unknown[]) => {
        queries.push(sql);
        return (await second.prisma.$queryRawUnsafe(sql, ...(params ?? []))) as T[];
      },
    });
    expect(result).toEqual({ filled: 0, renormalized: 0, kept: 0 });
    expect(queries).toHaveLength(1);
    await second.close();
  });
});
