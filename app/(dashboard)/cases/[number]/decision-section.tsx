import type { ReactNode } from "react";
import { DecisionForm } from "@/components/decisions/decision-form.tsx";
import { ReverseDecisionForm } from "@/components/decisions/reverse-decision-form.tsx";
import { ReviewDecisionForm } from "@/components/decisions/review-decision-form.tsx";
import type { CurrentUser } from "@/lib/server/auth.ts";
import { getDecisionContext, type DecisionContext } from "@/lib/server/decisions/get-decision-context.ts";
import { can } from "@/lib/server/permissions.ts";
import { LEVEL_LABELS } from "@/lib/schemas/vocabulary.ts";
import { decideCase, reverseCaseDecision, reviewCaseDecision } from "./decision-actions.ts";
import { formatDate, formatDateTime } from "@/lib/format/dates.ts";
import { DecisionNotice } from "@/components/exports/decision-notice.tsx";
import { buildDecisionNotice } from "@/lib/server/exports/build-decision-notice.ts";
import { markNoticeSentAction } from "../../exports/notice-actions.ts";

/**
 * The case's decisions (with reversals), and the form to decide it along the ladder when
 * the case has no standing decision and the user may decide it.
 */
export async function DecisionSection({ caseId, user }: { caseId: string; user: CurrentUser }) {
  const ctx = await getDecisionContext({ actor: user, caseId });
  const canDecide = ctx.mayDecide && can(user, "decision.create") && !ctx.standingDecision && ctx.status !== "dismissed";
  // The notice to send the member, for each standing decision that took action; once sent, the text sent (even if reversed since).
  const notices = new Map(
    await Promise.all(
      ctx.decisions
        .filter((d) => d.level && (!d.reversal || d.memberNotifiedAt))
        .map(async (d) => [d.id, await buildDecisionNotice({ actor: user, input: { decisionId: d.id } })] as const),
    ),
  );
  return (
    <section aria-labelledby="decision-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="decision-heading" className="text-base font-semibold">
        Decision
      </h2>
      {ctx.decisions.length > 0 && (
        <ol className="mt-3 space-y-4">
          {ctx.decisions.map((d) => (
            <li key={d.id} className={`rounded-lg border p-3 text-sm ${d.reversal ? "border-slate-200 bg-slate-50" : "border-indigo-200"}`}>
              <p className="flex flex-wrap items-center gap-2">
                <span className={`font-semibold ${d.reversal ? "text-slate-500 line-through" : ""}`}>
                  {d.level ? LEVEL_LABELS[d.level] : "No action"}
                </span>
                <span className="text-slate-600">
                  decided {formatDate(d.decidedAt)}
                  {d.decidedBy ? ` by ${d.decidedBy}` : ""}
                </span>
                {d.reversal && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Reversed</span>}
              </p>
              <p className="mt-2 whitespace-pre-line text-slate-800">{d.rationale}</p>
              {d.deviationJustification && d.recommendedLevel && (
                <p className="mt-2 text-slate-700">
                  <span className="font-medium">Recommended {LEVEL_LABELS[d.recommendedLevel]}; chosen otherwise because:</span>{" "}
                  {d.deviationJustification}
                </p>
              )}
              {d.noContact && (
                <p className="mt-2 text-slate-700">
                  <span className="font-medium">No contact</span> from {formatDate(d.noContact.startsAt)} until{" "}
                  {formatDate(d.noContact.endsAt)}
                  {d.noContact.daysLeft !== null ? ` (${d.noContact.daysLeft} days left)` : ""}, protecting{" "}
                  {d.noContact.protected.map((p) => p.label).join(", ") || "nobody"}.
                </p>
              )}
              {d.reversal && (
                <p className="mt-2 text-amber-900">
                  Reversed {formatDate(d.reversal.reversedAt)}
                  {d.reversal.reversedBy ? ` by ${d.reversal.reversedBy}` : ""}: {d.reversal.reason}
                </p>
              )}
              {d.review && (
                <DecisionReview
                  review={d.review}
                  form={
                    d.review.status === "flagged" && ctx.mayDecide && can(user, "decision.create") ? (
                      <ReviewDecisionForm decisionId={d.id} action={reviewCaseDecision} />
                    ) : null
                  }
                />
              )}
              {notices.get(d.id) && (
                <DecisionNotice
                  decisionId={d.id}
                  text={notices.get(d.id)!.text}
                  sentAt={notices.get(d.id)!.sent ? formatDateTime(notices.get(d.id)!.sent!.at) : null}
                  sentAtIso={notices.get(d.id)!.sent?.at.toISOString() ?? null}
                  sentBy={notices.get(d.id)!.sent?.by ?? null}
                  kept={notices.get(d.id)!.sent?.kept ?? true}
                  mayMarkSent={notices.get(d.id)!.mayMarkSent}
                  action={markNoticeSentAction}
                />
              )}
              {!d.reversal && can(user, "decision.reverse") && ctx.mayDecide && (
                <div className="mt-3">
                  <ReverseDecisionForm decisionId={d.id} action={reverseCaseDecision} />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {canDecide ? (
        <div className="mt-4">
          {ctx.decisions.length > 0 && (
            <p className="mb-3 text-sm text-slate-600">The earlier decision was reversed: the case can be decided again.</p>
          )}
          <DecisionForm
            caseId={ctx.caseId}
            version={ctx.version}
            // Not the breach itself: its ids would reach the browser, also of a case restricted from this user.
            recommendation={{
              level: ctx.recommendation.level,
              reasons: ctx.recommendation.reasons,
              mandatory: ctx.recommendation.mandatory,
            }}
            protectable={ctx.protectable}
            unlinkedEnforcers={ctx.unlinkedEnforcers}
            today={ctx.today}
            action={decideCase}
          />
        </div>
      ) : (
        ctx.decisions.length === 0 && (
          <p className="mt-2 text-sm text-slate-600">
            Not decided yet.
            {!ctx.mayDecide || !can(user, "decision.create") ? "" : ctx.status === "dismissed" ? " The case was dismissed." : ""}
          </p>
        )
      )}
    </section>
  );
}

/** A mandatory Permanent ban whose breach fell away: flagged until the team keeps it (a review) or an admin reverses it. */
function DecisionReview({ review, form }: { review: NonNullable<DecisionContext["decisions"][number]["review"]>; form: ReactNode }) {
  if (review.status === "kept") {
    return (
      <div className="mt-2 rounded-md border border-slate-200 bg-slate-50 p-2 text-slate-800">
        <p>
          <span className="font-medium">Reviewed {formatDate(review.reviewedAt)}</span>
          {review.reviewedBy ? ` by ${review.reviewedBy}` : ""}: kept, because {review.reason}
        </p>
        <p className="mt-1 text-xs text-slate-600">{review.message.replace(/^Flagged for review: /, "Flagged earlier: ")}.</p>
      </div>
    );
  }
  return (
    <div className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
      <p className="font-semibold">{review.message}.</p>
      <p className="mt-1">
        The ban was mandatory only because of that breach. Keep it with a reason, or an admin reverses it (and the case can be decided
        again).
      </p>
      {form && <div className="mt-2">{form}</div>}
    </div>
  );
}
