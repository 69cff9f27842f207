import "server-only";
import { identityNoun } from "@/lib/schemas/member.ts";
import { normalizeHandle, type TSpace } from "@/lib/schemas/vocabulary.ts";
import type { PrismaClient, Tx } from "../db.ts";
import { AppError } from "../errors.ts";

/**
 * Refuses handles another member already holds (per space, case-insensitive, "@" ignored),
 * naming the holder beside each field: `The GitHub handle alice already belongs to Morgan Blake`.
 */
export async function assertHandlesFree(
  db: Tx | PrismaClient,
  identities: { space: TSpace; handle: string }[],
  options: { exceptMemberId?: string } = {},
): Promise<void> {
  if (identities.length === 0) return;
  const taken = await db.memberIdentity.findMany({
    where: {
      OR: identities.map((i) => ({ space: i.space, handleNormalized: normalizeHandle(i.handle) })),
      ...(options.exceptMemberId ? { memberId: { not: options.exceptMemberId } } : {}),
    },
    select: { space: true, handleNormalized: true, member: { select: { displayName: true } } },
  });
  if (taken.length === 0) return;
  const fields: Record<string, string> = {};
  identities.forEach((identity, i) => {
    const normalized = normalizeHandle(identity.handle);
    const holder = taken.find((t) => t.space === identity.space && t.handleNormalized === normalized);
    if (holder)
      fields[`identities.${i}.handle`] =
        `The ${identityNoun(identity.space)} ${normalized} already belongs to ${holder.member.displayName}`;
  });
  const first = Object.values(fields)[0]!;
  throw new AppError("conflict", first, fields);
}

/** A unique-constraint race lost to a concurrent writer: name the holder if we can. */
export async function rethrowHandleRace(
  error: unknown,
  db: PrismaClient,
  identities: { space: TSpace; handle: string }[],
  options: { exceptMemberId?: string } = {},
): Promise<never> {
  if ((error as { code?: string }).code === "P2002") {
    await assertHandlesFree(db, identities, options);
    throw new AppError("conflict", "One of these handles was just given to another member: try again");
  }
  throw error;
}
