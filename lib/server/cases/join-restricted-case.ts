import "server-only";
import { caseAccess } from "@/lib/policy/case-access.ts";
import { ZJoinRestrictedCaseSchema } from "@/lib/schemas/case-team.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { caseNotFound } from "./case-guard.ts";
import { startTeamMembership } from "./case-team-guard.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf } from "./visibility.ts";

/**
 * An admin outside a restricted case's team joins it, saying why. The reason is kept on the
 * membership, shown to the case team, and in the audit trail (case.team_joined). Only an admin
 * who sees the case's stub may join: anyone else outside the team (and its subject) is told it
 * does not exist.
 */
export async function joinRestrictedCase({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "case.view");
  const data = parseInput(ZJoinRestrictedCaseSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // The case row is locked first, as every case edit does: team changes queue behind one another.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Case" WHERE number = ${data.number} FOR UPDATE`;
    if (locked.length === 0) throw caseNotFound();
    const c = await tx.case.findUniqueOrThrow({
      where: { id: locked[0]!.id },
      select: { id: true, number: true, ...CASE_PARTIES_SELECT },
    });
    const access = caseAccess(viewerOf(actor), partiesOf(c));
    if (access === "hidden") throw caseNotFound();
    if (access !== "stub") {
      throw new AppError(
        "rule",
        c.restricted ? "You are already on this case's team" : "This case is not restricted: you can already see it",
      );
    }
    await startTeamMembership(tx, c.id, actor.id, { addedById: actor.id, joinReason: data.reason });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "case.team_joined",
      entityType: "case",
      entityId: c.id,
      after: { user: { id: actor.id, name: actor.name }, reason: data.reason },
    });
    return { caseId: c.id, number: c.number };
  });
}
