import "server-only";
import type { TApiCreateCase } from "@/lib/schemas/api.ts";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import { hiddenBreaches } from "../cases/breach-visibility.ts";
import { createCase } from "../cases/create-case.ts";
import { getDb } from "../db.ts";
import { findLookAlikes } from "../members/find-look-alikes.ts";
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
  // Look-alike handles, as the Log a case form flags them: read before the case creates any member.
  const named = [
    { field: "subject", ref: body.subject },
    ...(body.reporter && "handle" in body.reporter ? [{ field: "reporter", ref: body.reporter }] : []),
    ...(body.involved ?? []).map((ref, i) => ({ field: `involved.${i}`, ref })),
  ].filter((n): n is { field: string; ref: { space: TSpace; handle: string } } => "handle" in n.ref);
  const found = await findLookAlikes(
    await getDb(),
    named.map((n) => ({ space: n.ref.space, handle: n.ref.handle })),
  );
  const lookAlikes = named.flatMap((n, i) =>
    found[i]!.length
      ? [
          {
            field: n.field,
            handle: n.ref.handle,
            looksLike: found[i]!.map((l) => ({ space: l.space, handle: l.handle, displayName: l.displayName, retired: l.retired })),
          },
        ]
      : [],
  );
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
    breach:
      recommendation === null ||
      (await hiddenBreaches(await getDb(), actor, [{ caseId: created.id, breachOfDecisionId: created.breach?.decisionId ?? null }])).has(
        created.id,
      )
        ? null
        : created.breach !== null,
    recommendation,
    lookAlikes,
  };
}
