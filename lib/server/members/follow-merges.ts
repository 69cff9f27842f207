import "server-only";
import type { PrismaClient, Tx } from "../db.ts";

/** The record a member now lives in: itself, or the end of its chain of merges. */
export async function followMerges(db: Tx | PrismaClient, memberId: string): Promise<string | null> {
  let member = await db.member.findUnique({ where: { id: memberId }, select: { id: true, mergedIntoId: true } });
  for (let hops = 0; member?.mergedIntoId && hops < 10; hops++) {
    member = await db.member.findUnique({ where: { id: member.mergedIntoId }, select: { id: true, mergedIntoId: true } });
  }
  return member?.id ?? null;
}
