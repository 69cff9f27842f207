import type { Metadata } from "next";
import Link from "next/link";
import { PrintButton } from "@/components/shell/print-button.tsx";
import { notFound } from "next/navigation";
import { CaseAssignment } from "@/components/cases/case-assignment.tsx";
import { CaseDetails } from "@/components/cases/case-details.tsx";
import { CaseEvidence } from "@/components/cases/case-evidence.tsx";
import { CaseHistory } from "@/components/cases/case-history.tsx";
import { CaseNotes } from "@/components/cases/case-notes.tsx";
import { CaseStatusActions } from "@/components/cases/case-status-actions.tsx";
import { CaseTeamBadge } from "@/components/cases/case-team-badge.tsx";
import { CaseTeamJoinForm } from "@/components/cases/case-team-join-form.tsx";
import { CaseTeamSection } from "@/components/cases/case-team-section.tsx";
import { formatDate, formatDateTime } from "@/lib/format/dates.ts";
import { BreachBadge } from "@/components/decisions/level-badge.tsx";
import { ReporterBox } from "@/components/cases/reveal-reporter.tsx";
import { StatusHistory } from "@/components/cases/status-history.tsx";
import { StatusBadge } from "@/components/dashboard/status-badge.tsx";
import { mayRevealReporter, mayWorkCase, RECUSED_MESSAGE } from "@/lib/policy/case-access.ts";
import { RESTRICTED_CASE_PHRASE } from "@/lib/schemas/case-team.ts";
import type { TCaseStatus } from "@/lib/schemas/vocabulary.ts";
import { requireUser } from "@/lib/server/auth.ts";
import { getCase } from "@/lib/server/cases/get-case.ts";
import { getCaseTeam } from "@/lib/server/cases/get-case-team.ts";
import { getRestrictedCaseStub } from "@/lib/server/cases/get-restricted-case-stub.ts";
import { getDetailsChangeNotice } from "@/lib/server/cases/get-details-change-notice.ts";
import { listAssignableUsers } from "@/lib/server/cases/list-assignable-users.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { addCaseEvidence, addCaseNote, assign, changeStatus, editCaseNote, revealCaseReporter, updateDetails } from "./actions.ts";
import { changeCaseTeam, joinCaseTeam } from "./case-team-actions.ts";
import { DecisionSection } from "./decision-section.tsx";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  return { title: `Case ${(await params).number}` };
}

const iso = (d: Date) => d.toISOString();

const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

export default async function CasePage({ params }: { params: Promise<{ number: string }> }) {
  const user = await requireUser("case.view");
  const { number } = await params;
  const c = await getCase({ actor: user, number }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  });
  if (!c) {
    // A case whose subject is the user, or restricted to a team they are not on, answers exactly like
    // a missing one; except to an admin outside a restricted case's team, who sees that it exists.
    const stub =
      user.role === "admin"
        ? await getRestrictedCaseStub({ actor: user, number }).catch((error: unknown) => {
            if (isAppError(error) && error.code === "not_found") return null;
            throw error;
          })
        : null;
    if (!stub) notFound();
    return <RestrictedCaseStubPage number={stub.number} status={stub.status} />;
  }
  const canWork = mayWorkCase(user.role, c.access);
  const team = await getCaseTeam({ actor: user, caseId: c.id });
  const teamIds = new Set(team.members.map((m) => m.userId));
  const [allAssignees, detailsChange] = await Promise.all([
    canWork ? listAssignableUsers({ actor: user }) : Promise.resolve([]),
    getDetailsChangeNotice({ actor: user, caseId: c.id }),
  ]);
  // A restricted case's assignee must be on its team.
  const assignees = allAssignees.filter((u) => !team.restricted || teamIds.has(u.id));

  return (
    <div className="space-y-6">
      <div>
        <Link href="/cases" className="text-sm font-medium text-indigo-700 hover:underline" data-print="hide">
          ← Cases
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            Case <span className="font-mono">{c.number}</span>
          </h1>
          <StatusBadge status={c.status} />
          {team.restricted && <CaseTeamBadge />}
          {c.breach && <BreachBadge />}
          <span className="ml-auto">
            <PrintButton label="Print case file" />
          </span>
        </div>
        <p className="mt-1 text-sm text-slate-600">
          About {c.subject.name} · logged {formatDate(c.createdAt)}
          {c.loggedByName ? ` by ${c.loggedByName}` : ""}
        </p>
      </div>

      {c.breach && (
        <div className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-semibold">
            {c.breach.caseNumber ? (
              <>
                Breach of no-contact terms of the Warning in case{" "}
                <Link href={`/cases/${c.breach.caseNumber}`} className="font-mono underline">
                  {c.breach.caseNumber}
                </Link>
              </>
            ) : (
              `Breach of no-contact terms of the Warning in ${RESTRICTED_CASE_PHRASE}`
            )}
          </p>
          <p className="mt-1">
            The incident involves a person that Warning protects, inside its no-contact period
            {c.breach.noContactEndsAt ? ` (until ${formatDate(c.breach.noContactEndsAt)})` : ""}. The guidelines say violating these terms
            leads to a permanent ban.
          </p>
        </div>
      )}

      {c.access === "recused" && (
        <aside role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-semibold">{RECUSED_MESSAGE}</p>
          <p className="mt-1">You are a party to it. You can read it, but not see the reporter, edit it or decide it.</p>
        </aside>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <CaseDetails
            canEdit={canWork}
            action={updateDetails}
            view={{
              caseId: c.id,
              version: c.version,
              subject: c.subject,
              involved: c.involved,
              space: c.space,
              occurredAt: iso(c.occurredAt),
              standards: c.standards,
              description: c.description,
              decided: detailsChange.decided,
              changedAfterDecision: detailsChange.changedAfterDecision
                ? { at: iso(detailsChange.changedAfterDecision.at), reason: detailsChange.changedAfterDecision.reason }
                : null,
            }}
          />
          <CaseEvidence
            caseId={c.id}
            canWrite={canWork}
            action={addCaseEvidence}
            evidence={c.evidence.map((e) => ({ ...e, createdAt: iso(e.createdAt) }))}
          />
          <DecisionSection caseId={c.id} user={user} />
          <CaseNotes
            caseId={c.id}
            me={user.id}
            canWrite={canWork}
            addAction={addCaseNote}
            editAction={editCaseNote}
            notes={c.notes.map((n) => ({
              ...n,
              createdAt: iso(n.createdAt),
              revisions: n.revisions.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
            }))}
          />
        </div>

        <div className="space-y-6">
          <section aria-labelledby="status-heading" className={card}>
            <h2 id="status-heading" className="text-base font-semibold">
              Status
            </h2>
            <div className="mt-2">
              <StatusBadge status={c.status} />
            </div>
            {canWork && (
              <div className="mt-4">
                <CaseStatusActions caseId={c.id} version={c.version} status={c.status} action={changeStatus} />
              </div>
            )}
            <div className="mt-4">
              <StatusHistory changes={c.statusHistory.map((s) => ({ ...s, createdAt: iso(s.createdAt) }))} />
            </div>
          </section>

          <section aria-labelledby="case-team-heading" className={card}>
            <h2 id="case-team-heading" className="text-base font-semibold">
              Case team
            </h2>
            <div className="mt-3">
              <CaseTeamSection
                caseId={c.id}
                version={c.version}
                restricted={team.restricted}
                members={team.members.map((m) => ({ ...m, addedAt: iso(m.addedAt) }))}
                candidates={team.candidates}
                mayManage={team.mayManage}
                me={user.id}
                assigneeId={c.assignee?.id ?? null}
                action={changeCaseTeam}
              />
            </div>
          </section>

          <section aria-labelledby="assignment-heading" className={card}>
            <h2 id="assignment-heading" className="text-base font-semibold">
              Assignment
            </h2>
            <p className="mt-2 hidden text-sm print:block">{c.assignee?.name ?? "Unassigned"}</p>
            {canWork ? (
              <div className="mt-3">
                <CaseAssignment caseId={c.id} version={c.version} assignee={c.assignee} users={assignees} me={user.id} action={assign} />
              </div>
            ) : (
              <p className="mt-2 text-sm">{c.assignee?.name ?? <span className="text-slate-600">Unassigned</span>}</p>
            )}
          </section>

          <section aria-labelledby="reporter-heading" className={card}>
            <h2 id="reporter-heading" className="sr-only">
              Reporter
            </h2>
            <ReporterBox
              caseId={c.id}
              kind={c.reporter.kind}
              mayReveal={mayRevealReporter(user.role, c.access)}
              reveal={revealCaseReporter}
            />
          </section>

          <p className="px-1 text-xs text-slate-600">
            Last changed {formatDateTime(c.updatedAt)} · version {c.version}
          </p>
        </div>
      </div>

      <CaseHistory
        caseNumber={c.number}
        entries={c.audit.map((e) => ({
          seq: e.seq,
          occurredAt: iso(e.occurredAt),
          actorType: e.actorType,
          actorLabel: e.actorLabel,
          action: e.action,
          before: e.before,
          after: e.after,
          metadata: e.metadata,
        }))}
      />
    </div>
  );
}

/** What an admin outside a restricted case's team sees of it: that it exists, its number and status. */
function RestrictedCaseStubPage({ number, status }: { number: string; status: TCaseStatus }) {
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <Link href="/cases" className="text-sm font-medium text-indigo-700 hover:underline">
          ← Cases
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            Case <span className="font-mono">{number}</span>
          </h1>
          <StatusBadge status={status} />
          <CaseTeamBadge />
        </div>
      </div>
      <section aria-labelledby="join-heading" className={card}>
        <h2 id="join-heading" className="text-base font-semibold">
          This case is restricted to its case team
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Only its case team sees it. As an admin you can join the team to see the whole case: say why. The case team sees who joined, when
          and why, and it is kept in the audit trail.
        </p>
        <div className="mt-4">
          <CaseTeamJoinForm number={number} action={joinCaseTeam} />
        </div>
      </section>
    </div>
  );
}
