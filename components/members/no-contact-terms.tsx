import Link from "next/link";
import { formatDate, isoDate } from "@/lib/format/dates.ts";

export type NoContactTermView = {
  decisionId: string;
  caseNumber: string;
  startsAt: Date;
  endsAt: Date;
  daysLeft: number;
  protectedPeople: { id: string | null; displayName: string }[];
};

const SOON_DAYS = 14;

/** The no-contact periods in force: whom the member must not interact with, and until when. */
export function NoContactTerms({ terms }: { terms: NoContactTermView[] }) {
  if (terms.length === 0) return <p className="text-sm text-slate-600">None in force.</p>;
  return (
    <ul className="space-y-3">
      {terms.map((t) => (
        <li key={t.decisionId} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-950">
            Ends on <time dateTime={isoDate(t.endsAt)}>{formatDate(t.endsAt)}</time>
            <span className="text-amber-900">
              {" "}
              · {t.daysLeft} {t.daysLeft === 1 ? "day" : "days"} left
            </span>
            {t.daysLeft <= SOON_DAYS && (
              <span className="ml-2 rounded-full bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-950">Ends soon</span>
            )}
          </p>
          <p className="mt-1 text-amber-950">
            Warning in case{" "}
            <Link href={`/cases/${t.caseNumber}`} className="tabular-nums underline hover:text-amber-800">
              {t.caseNumber}
            </Link>
            , since {formatDate(t.startsAt)}.
          </p>
          <p className="mt-2 text-xs font-medium uppercase tracking-wide text-amber-900">Protected people</p>
          <ul className="mt-1 space-y-0.5">
            {t.protectedPeople.map((p) => (
              <li key={p.id ?? "reporter"}>
                {p.id ? (
                  <Link href={`/members/${p.id}`} className="text-amber-950 underline hover:text-amber-800">
                    {p.displayName}
                  </Link>
                ) : (
                  <span className="text-amber-950">{p.displayName}</span>
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
