import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { AuditTrail } from "@/components/members/audit-trail.tsx";
import { CaseTimeline } from "@/components/members/case-timeline.tsx";
import { IdentityList } from "@/components/members/identity-list.tsx";
import { MergePanel } from "@/components/members/merge-panel.tsx";
import { NoContactTerms } from "@/components/members/no-contact-terms.tsx";
import { StandingBadge } from "@/components/members/standing-badge.tsx";
import { buttonClasses } from "@/components/ui/button.tsx";
import { getCurrentUser, requireUser } from "@/lib/server/auth.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { getMember, memberEditRefusal } from "@/lib/server/members/get-member.ts";
import { getMemberHistory } from "@/lib/server/members/get-member-history.ts";
import { can } from "@/lib/server/permissions.ts";
import { findDuplicate, mergeDuplicate } from "./actions.ts";
import { decisionCounts } from "@/components/members/decision-counts.ts";
import { formatCount } from "@/lib/format/numbers.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const SAVED: Record<string, string> = { added: "Member added.", updated: "Changes saved." };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getCurrentUser();
  const { id } = await params;
  const member = user ? await getMember({ actor: user, memberId: id }).catch(() => null) : null;
  return { title: member?.displayName ?? "Member" };
}

const card = "rounded-xl border border-slate-200 bg-white shadow-sm";
const cardHeading = "border-b border-slate-200 px-4 py-3 text-base font-semibold";

export default async function MemberPage({ params, searchParams }: Props) {
  const user = await requireUser("member.view");
  const { id } = await params;
  const { saved, order } = await searchParams;
  const newestFirst = order === "newest";
  const history = await getMemberHistory({ actor: user, memberId: id }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  // A merged record lives on in the one it was merged into: old links lead there.
  if (history.kind === "merged") redirect(`/members/${history.targetId}`);

  // Nobody edits their own record, nor one named in a case they are recused from or cannot see: no Edit link, and why.
  const editRefusal = can(user, "member.update") ? await memberEditRefusal({ actor: user, memberId: history.id }) : null;
  const canEdit = can(user, "member.update") && editRefusal === null;
  const flash = typeof saved === "string" && Object.hasOwn(SAVED, saved) ? SAVED[saved] : undefined;
  const summary = history.kind === "full" ? decisionCounts(history.cases) : null;
  const cases = history.kind !== "full" ? [] : newestFirst ? [...history.cases].reverse() : history.cases;
  const orderLink = (newest: boolean, label: string) => (
    <Link
      href={newest ? `/members/${history.id}?order=newest` : `/members/${history.id}`}
      aria-current={newest === newestFirst ? "true" : undefined}
      className={`rounded-md px-2 py-0.5 ${newest === newestFirst ? "bg-slate-200 font-medium text-slate-900" : "text-indigo-700 hover:underline"}`}
    >
      {label}
    </Link>
  );
  const identities = (
    <section aria-labelledby="identities-heading" className={card}>
      <h2 id="identities-heading" className={cardHeading}>
        Identities
      </h2>
      <div className="px-4 py-3">
        <IdentityList identities={history.identities} retired={history.retiredIdentities} />
      </div>
    </section>
  );

  return (
    <div className="space-y-6">
      <Link href="/members" className="text-sm font-medium text-indigo-700 hover:underline">
        <span aria-hidden>← </span>Members
      </Link>
      {flash && (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900">
          {flash}
        </p>
      )}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{history.displayName}</h1>
          {history.kind === "full" && (
            <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <span>Standing:</span>
              <StandingBadge status={history.standing.status} noContactUntil={history.standing.noContactUntil} />
            </p>
          )}
          {history.kind === "full" && history.mergedFrom.length > 0 && (
            <p className="mt-2 text-sm text-slate-600">
              Also holds the merged {history.mergedFrom.length === 1 ? "record" : "records"} of{" "}
              {history.mergedFrom.map((m) => m.displayName).join(", ")}.
            </p>
          )}
        </div>
        {canEdit && (
          <Link href={`/members/${history.id}/edit`} className={buttonClasses("secondary")}>
            Edit member
          </Link>
        )}
        {editRefusal && <p className="max-w-xs text-sm text-slate-600">{editRefusal}</p>}
      </div>

      {history.kind === "own" ? (
        <>
          <div role="note" className="rounded-xl border border-indigo-200 bg-indigo-50 p-4 text-sm text-indigo-950">
            <p className="font-semibold">{history.note}</p>
            <p className="mt-1">
              This is your own member record. To keep enforcement fair, cases about you and your standing are hidden from you; other
              moderators handle them.
            </p>
          </div>
          <div className="max-w-md">{identities}</div>
        </>
      ) : (
        <>
          {/* The terms in force come first on a narrow screen; beside the history on a wide one. */}
          <div className="grid items-start gap-6 lg:grid-cols-3">
            <div className="space-y-6 lg:col-start-3 lg:row-start-1">
              <section aria-labelledby="no-contact-heading" className={card}>
                <h2 id="no-contact-heading" className={cardHeading}>
                  Active no-contact terms
                </h2>
                <div className="px-4 py-3">
                  <NoContactTerms terms={history.noContact} />
                </div>
              </section>
              {identities}
            </div>
            <section aria-labelledby="history-heading" className={`${card} lg:col-span-2 lg:col-start-1 lg:row-start-1`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
                <h2 id="history-heading" className="text-base font-semibold">
                  Enforcement history
                </h2>
                <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
                  <p>
                    {formatCount(history.cases.length)} {history.cases.length === 1 ? "case" : "cases"}
                  </p>
                  {history.cases.length > 1 && (
                    <nav aria-label="Order of cases" className="flex items-center gap-1">
                      {orderLink(false, "Oldest first")}
                      {orderLink(true, "Newest first")}
                    </nav>
                  )}
                </div>
                {summary && <p className="w-full text-sm text-slate-700">Decisions: {summary}</p>}
              </div>
              <CaseTimeline cases={cases} />
            </section>
          </div>

          <section aria-labelledby="audit-heading" className={card}>
            <h2 id="audit-heading" className={cardHeading}>
              Changes to this record
            </h2>
            <AuditTrail entries={history.audit} />
          </section>

          {can(user, "member.merge") && (
            <section aria-labelledby="merge-heading" className={card}>
              <h2 id="merge-heading" className={cardHeading}>
                Merge a duplicate record
              </h2>
              <div className="px-4 py-4">
                <MergePanel target={{ id: history.id, displayName: history.displayName }} find={findDuplicate} merge={mergeDuplicate} />
              </div>
            </section>
          )}
        </>
      )}
    </div>
  );
}
