import "server-only";
import { formatDate } from "@/lib/format/dates.ts";
import { identityNoun } from "@/lib/schemas/member.ts";
import { normalizeHandle, type TSpace } from "@/lib/schemas/vocabulary.ts";
import type { PrismaClient, Tx } from "../db.ts";
import { AppError } from "../errors.ts";

/** A handle held by a record left out of the lists (a confidential reporter's): its holder is never named. */
export function hiddenHolderMessage(space: TSpace): string {
  return `This ${identityNoun(space)} already belongs to a member record you cannot see in the list; ask an admin`;
}

/**
 * Refuses handles another member holds or held (per space, compared as normalizeHandle does),
 * naming the holder beside each field: `The GitHub handle alice already belongs to Morgan Blake`.
 * A retired handle is never given to someone else: `… belonged to Morgan Blake until 2 Nov 2026`.
 * A reporter-only record is not named: that would tell who reported a case.
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
    select: { space: true, handleNormalized: true, retiredAt: true, member: { select: { displayName: true, reporterOnly: true } } },
  });
  if (taken.length === 0) return;
  const fields: Record<string, string> = {};
  identities.forEach((identity, i) => {
    const normalized = normalizeHandle(identity.handle);
    const holder = taken.find((t) => t.space === identity.space && t.handleNormalized === normalized);
    if (!holder) return;
    const noun = `The ${identityNoun(identity.space)} ${normalized}`;
    fields[`identities.${i}.handle`] = holder.member.reporterOnly
      ? hiddenHolderMessage(identity.space)
      : holder.retiredAt
        ? `${noun} belonged to ${holder.member.displayName} until ${formatDate(holder.retiredAt)}`
        : `${noun} already belongs to ${holder.member.displayName}`;
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
