import "server-only";
import type { TApiCreateCase } from "@/lib/schemas/api.ts";
import { createCase } from "../cases/create-case.ts";
import { getDecisionContext } from "../decisions/get-decision-context.ts";
import { isAppError } from "../errors.ts";
import type { Actor } from "../permissions.ts";
import { renameFields } from "./handle-api.ts";

/** The API's reporter forms, as the domain's. */
function reporterInput(reporter: TApiCreateCase["reporter"]) {
  if (!reporter || "anonymous" in reporter) return { kind: "anonymous" as const };
  if ("handle" in reporter) return { kind: "member" as const, member: reporter };
  return { kind: "contact" as const, name: reporter.name, email: reporter.email };
}

/** POST /cases: logs the case through createCase (unknown handles create members), then its recommendation. */
export async function apiCreateCase(actor: Actor, body: TApiCreateCase, origin: string) {
  const created = await createCase({
    actor,
    input: {
      subject: body.subject,
      reporter: reporterInput(body.reporter),
      involved: body.involved ?? [],
      space: body.space,
      occurredAt: body.occurredAt,
      standards: body.standards,
      description: body.description,
      evidence: body.evidence ?? [],
    },
  }).catch((error: unknown) => renameFields(error, (key) => key.replace(/^reporter\.member\./, "reporter.")));
  // The owner never sees a case about themselves, so it has no recommendation for them.
  const recommendation = await getDecisionContext({ actor, caseId: created.id }).then(
    (ctx) => ({ level: ctx.recommendation.level, reasons: ctx.recommendation.reasons }),
    (error: unknown) => {
      if (isAppError(error) && error.code === "not_found") return null;
      throw error;
    },
  );
  return {
    id: created.id,
    number: created.number,
    status: "new" as const,
    url: new URL(`/cases/${created.number}`, origin).toString(),
    // Never to the case's subject: a breach tells them who the Warning about them protects
    // (the people involved, the enforcing moderators, a confidential reporter).
    breach: recommendation === null ? null : created.breach !== null,
    recommendation,
  };
}
