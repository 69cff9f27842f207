import Link from "next/link";
import { StatusBadge } from "@/components/dashboard/status-badge.tsx";
import type { THistoryCase } from "@/lib/schemas/member.ts";
import { SPACE_LABELS, STANDARD_LABELS, type TStandard } from "@/lib/schemas/vocabulary.ts";
import { formatDate, isoDate } from "@/lib/format/dates.ts";
import { LevelBadge } from "@/components/decisions/level-badge.tsx";

export type TimelineCase = Omit<THistoryCase, "loggedAt">;

/** Every case about the member, in the order given (by when they happened), each with its decisions and reversals. */
export function CaseTimeline({ cases }: { cases: TimelineCase[] }) {
  if (cases.length === 0) return <p className="px-4 py-6 text-sm text-slate-600">No cases about this member.</p>;
  return (
    <ol className="divide-y divide-slate-100">
      {cases.map((c) => (
        <li
          key={c.id}
          className={`px-4 py-4 ${c.breachOf ? "border-l-4 border-l-red-600 bg-red-50/40" : "border-l-4 border-l-transparent"}`}
        >
          <article aria-labelledby={`case-${c.id}`}>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <time dateTime={isoDate(c.occurredAt)} className="w-24 shrink-0 text-sm tabular-nums text-slate-600">
                {formatDate(c.occurredAt)}
              </time>
              <h3 id={`case-${c.id}`} className="text-sm font-semibold">
                <Link href={`/cases/${c.number}`} className="text-indigo-700 hover:text-indigo-900 hover:underline">
                  Case <span className="tabular-nums">{c.number}</span>
                </Link>
              </h3>
              <StatusBadge status={c.status} />
              {c.breachOf && (
                <span className="inline-flex items-center gap-1 rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
                  <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3 fill-current">
                    <path d="M8 1l7 13H1L8 1zm-.75 5v4h1.5V6h-1.5zm0 5v1.5h1.5V11h-1.5z" />
                  </svg>
                  Breach of no-contact terms
                </span>
              )}
            </div>
            <div className="mt-1 text-sm text-slate-700 sm:pl-[6.75rem]">
              <p>
                <span className="text-slate-600">{SPACE_LABELS[c.space]}</span>
                {c.standards.length > 0 && (
                  <>
                    <span aria-hidden className="text-slate-400">
                      {" "}
                      ·{" "}
                    </span>
                    {c.standards.map((s) => STANDARD_LABELS[s as TStandard] ?? s).join("; ")}
                  </>
                )}
              </p>
              {c.breachOf && (
                <p className="mt-1 font-medium text-red-800">
                  Breaches the no-contact terms of the Warning in case {c.breachOf.caseNumber}: the guidelines call for a Permanent ban.
                </p>
              )}
              {c.decisions.length === 0 ? (
                <p className="mt-2 text-slate-600">{c.status === "dismissed" ? "Dismissed without a decision." : "Not decided yet."}</p>
              ) : (
                <ul className="mt-2 space-y-2">
                  {c.decisions.map((d) => (
                    <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3">
                      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                        <span className="text-slate-600">Decision:</span>
                        <LevelBadge level={d.level} reversed={d.reversal !== null} />
                        <span className="text-slate-600">
                          <time dateTime={isoDate(d.decidedAt)}>{formatDate(d.decidedAt)}</time>
                          {d.decidedBy ? ` by ${d.decidedBy}` : ""}
                        </span>
                      </p>
                      <p className="mt-1.5 text-slate-800">{d.rationale}</p>
                      {d.noContact && (
                        <p className="mt-1.5 text-slate-700">
                          No contact from {formatDate(d.noContact.startsAt)} to {formatDate(d.noContact.endsAt)}
                        </p>
                      )}
                      {d.reversal && (
                        <p className="mt-1.5 rounded-md bg-amber-50 px-2 py-1 text-amber-900">
                          Reversed on {formatDate(d.reversal.reversedAt)}
                          {d.reversal.reversedBy ? ` by ${d.reversal.reversedBy}` : ""}: {d.reversal.reason}
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </article>
        </li>
      ))}
    </ol>
  );
}
