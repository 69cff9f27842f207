import "server-only";
import { z } from "zod";
import { handleKeys } from "@/lib/schemas/handle-skeleton.ts";
import { ZLookupMemberSchema, type TLookAlike } from "@/lib/schemas/member.ts";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import { getDb, type PrismaClient, type Tx } from "../db.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";

/** At most this many look-alikes per handle: a hint, not a search. */
const PER_HANDLE = 3;

/**
 * For each identity, the members whose handle in the same space only looks like it: the same
 * skeleton (handleSkeleton), another normalized handle. Retired handles count (an impersonator
 * copies old handles too). Reporter-only records never match: they are out of every list, and
 * suggesting one would tell who reported a case. Merged records hold no identities any more.
 */
export async function findLookAlikes(
  db: Tx | PrismaClient,
  identities: { space: TSpace; handle: string }[],
  options: { exceptMemberId?: string } = {},
): Promise<TLookAlike[][]> {
  const keys = identities.map((i) => ({ space: i.space, ...handleKeys(i.handle) }));
  const wanted = keys.filter((k) => k.handleNormalized !== "");
  if (wanted.length === 0) return identities.map(() => []);
  const rows = await db.memberIdentity.findMany({
    where: {
      OR: wanted.map((k) => ({ space: k.space, skeleton: k.skeleton, handleNormalized: { not: k.handleNormalized } })),
      member: { reporterOnly: false, mergedIntoId: null, ...(options.exceptMemberId ? { id: { not: options.exceptMemberId } } : {}) },
    },
    orderBy: [{ retiredAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
    take: 50,
    select: {
      space: true,
      handle: true,
      handleNormalized: true,
      skeleton: true,
      retiredAt: true,
      member: { select: { id: true, displayName: true } },
    },
  });
  return keys.map((k) => {
    const found = new Map<string, TLookAlike>(); // one per member: a current handle before a retired one
    for (const r of rows) {
      if (r.space !== k.space || r.skeleton !== k.skeleton || r.handleNormalized === k.handleNormalized) continue;
      if (found.has(r.member.id) || found.size >= PER_HANDLE) continue;
      found.set(r.member.id, {
        memberId: r.member.id,
        displayName: r.member.displayName,
        space: r.space,
        handle: r.handle,
        retired: r.retiredAt !== null,
      });
    }
    return [...found.values()];
  });
}

/** The look-alikes of one handle, for a form's warning; a malformed handle or space has none. */
export async function findHandleLookAlikes({
  actor,
  space,
  handle,
  exceptMemberId,
}: {
  actor: Actor | SystemActor;
  space: unknown;
  handle: unknown;
  exceptMemberId?: unknown;
}): Promise<TLookAlike[]> {
  assertCan(actor, "member.view");
  const parsed = ZLookupMemberSchema.safeParse({ space, handle });
  if (!parsed.success) return [];
  const except = z.uuid().safeParse(exceptMemberId);
  const [found] = await findLookAlikes(await getDb(), [parsed.data], { exceptMemberId: except.success ? except.data : undefined });
  return found ?? [];
}
