import "server-only";
import type { LadderDecision } from "@/lib/policy/ladder.ts";
import type { PrismaClient, Tx } from "../db.ts";
import { loadLadderHistories } from "./load-ladder-histories.ts";

/** Every decision on cases against the member, in the shape the ladder policy reads. */
export async function loadLadderHistory(
  db: Tx | PrismaClient,
  memberId: string,
  options: { excludeCaseId?: string } = {},
): Promise<LadderDecision[]> {
  const histories = await loadLadderHistories(db, [memberId], options.excludeCaseId ? { id: { not: options.excludeCaseId } } : {});
  return histories.get(memberId) ?? [];
}
