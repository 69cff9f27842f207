import "server-only";
import { ZRevealReporterSchema } from "@/lib/schemas/case.ts";
import { SPACE_LABELS } from "@/lib/schemas/vocabulary.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { AppError } from "../errors.ts";
import { accessOrNotFound, assertNotRecused, caseNotFound } from "./case-guard.ts";
import { readReporterOrThrow, ReporterUnreadableError, type ReporterIdentity } from "./case-reporter.ts";
import { CASE_PARTIES_SELECT, visibleCasesWhere } from "./visibility.ts";

export type RevealedReporter =
  /** memberId is null for a record that exists only as a confidential reporter: it has no member page. */
  | { kind: "member"; memberId: string | null; name: string; identities: { space: string; spaceLabel: string; handle: string }[] }
  | { kind: "contact"; name: string | null; email: string | null }
  | { kind: "anonymous" };

/**
 * The reporter's identity, for a moderator who explicitly asks: decrypted, and recorded in the
 * audit trail (who, when, which case; never the identity itself) before it is returned. Viewers
 * and recused moderators are refused; a reporter whose key is lost is said to be unreadable.
 */
export async function revealReporter({ actor, input }: { actor: Actor; input: unknown }): Promise<RevealedReporter> {
  assertCan(actor, "case.reveal_reporter");
  const { caseId } = parseInput(ZRevealReporterSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const c = await tx.case.findFirst({
      where: { AND: [{ id: caseId }, visibleCasesWhere(actor)] },
      select: { id: true, number: true, ...CASE_PARTIES_SELECT, reporterKind: true },
    });
    if (!c) throw caseNotFound();
    assertNotRecused(accessOrNotFound(actor, c));
    let reporter: ReporterIdentity | null;
    try {
      reporter = readReporterOrThrow(c);
    } catch (error) {
      if (!(error instanceof ReporterUnreadableError)) throw error;
      throw new AppError(
        "rule",
        error.reason === "missing_key"
          ? "This reporter cannot be read: the key it was encrypted under is not available (an administrator can restore it)"
          : "This reporter cannot be read: its encrypted record was altered in the database",
      );
    }
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "reporter.revealed",
      entityType: "case",
      entityId: c.id,
      metadata: { number: c.number, reporterKind: c.reporterKind },
    });
    const member =
      c.reporterKind === "member" && reporter?.memberId
        ? await tx.member.findUnique({
            where: { id: reporter.memberId },
            select: {
              id: true,
              displayName: true,
              reporterOnly: true,
              identities: { select: { space: true, handle: true }, orderBy: { space: "asc" } },
            },
          })
        : null;
    if (member) {
      return {
        kind: "member",
        memberId: member.reporterOnly ? null : member.id,
        name: member.displayName,
        identities: member.identities.map((i) => ({ space: i.space, spaceLabel: SPACE_LABELS[i.space], handle: i.handle })),
      };
    }
    if (c.reporterKind === "contact") return { kind: "contact", name: reporter?.name ?? null, email: reporter?.contact ?? null };
    return { kind: "anonymous" };
  });
}
