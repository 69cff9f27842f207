import "server-only";
import { z } from "zod";
import { mayWorkCase } from "@/lib/policy/case-access.ts";
import type { TRole } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { accessOrNotFound, caseNotFound } from "./case-guard.ts";
import { CASE_PARTIES_SELECT, visibleCasesWhere } from "./visibility.ts";

export type CaseTeamView = {
  restricted: boolean;
  /** The team as it stands, oldest membership first (empty when the case is not restricted). */
  members: { userId: string; name: string; role: TRole; addedByName: string | null; addedAt: Date; joinReason: string | null }[];
  /** Whether the viewer may restrict it, lift the restriction, and add or remove members. */
  mayManage: boolean;
  /**
   * Accounts that could join the team (active, not on it, never the subject's own): offered
   * only to those who may manage it. For a case not yet restricted, the viewer is left out:
   * restricting it puts them on its team anyway.
   */
  candidates: { id: string; name: string; role: TRole }[];
};

/** The case team of a case the actor may read (a restricted one only if they are on its team). */
export async function getCaseTeam({ actor, caseId }: { actor: Actor; caseId: string }): Promise<CaseTeamView> {
  assertCan(actor, "case.view");
  if (!z.uuid().safeParse(caseId).success) throw caseNotFound();
  const db = await getDb();
  const c = await db.case.findFirst({
    where: { AND: [{ id: caseId }, visibleCasesWhere(actor)] },
    select: {
      id: true,
      ...CASE_PARTIES_SELECT,
      team: {
        where: { removedAt: null },
        orderBy: [{ addedAt: "asc" }, { userId: "asc" }],
        select: {
          userId: true,
          addedAt: true,
          joinReason: true,
          user: { select: { name: true, role: true } },
          addedBy: { select: { name: true } },
        },
      },
    },
  });
  if (!c) throw caseNotFound();
  const access = accessOrNotFound(actor, c);
  const mayManage = mayWorkCase(actor.role, access);
  const members = c.restricted
    ? c.team.map((t) => ({
        userId: t.userId,
        name: t.user.name,
        role: t.user.role,
        addedByName: t.addedBy?.name ?? null,
        addedAt: t.addedAt,
        joinReason: t.joinReason,
      }))
    : [];
  const exclude = c.restricted ? members.map((m) => m.userId) : [actor.id];
  const candidates = mayManage
    ? await db.user.findMany({
        where: {
          active: true,
          id: { notIn: exclude },
          // Never the account linked to the subject: they never see the case.
          OR: [{ memberId: null }, { memberId: { not: c.subjectId } }],
        },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: { id: true, name: true, role: true },
      })
    : [];
  return { restricted: c.restricted, members, mayManage, candidates };
}
