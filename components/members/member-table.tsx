import Link from "next/link";
import type { TStanding, TSpace } from "@/lib/schemas/vocabulary.ts";
import { IdentityList } from "./identity-list.tsx";
import { StandingBadge } from "./standing-badge.tsx";

export type MemberTableRow = {
  id: string;
  displayName: string;
  identities: { space: TSpace; handle: string }[];
  /** Handles no longer used: a search by one finds the member, so the row shows why. */
  retiredIdentities?: { space: TSpace; handle: string; retiredAt: Date }[];
  /** null: the signed-in moderator's own record, whose standing is not shown to them. */
  standing: { status: TStanding; noContactUntil?: Date } | null;
  caseCount: number | null;
};

export function MemberTable({ rows }: { rows: MemberTableRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[42rem] text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Identities
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Standing
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Cases
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((m) => (
            <tr key={m.id} className="align-top">
              <td className="px-4 py-3">
                <Link href={`/members/${m.id}`} className="font-medium text-indigo-700 hover:text-indigo-900 hover:underline">
                  {m.displayName}
                </Link>
              </td>
              <td className="px-4 py-3">
                <IdentityList identities={m.identities} retired={m.retiredIdentities} compact />
              </td>
              <td className="px-4 py-3">
                {m.standing ? (
                  <StandingBadge status={m.standing.status} noContactUntil={m.standing.noContactUntil} />
                ) : (
                  <span className="text-xs text-slate-600">Not shown (your record)</span>
                )}
              </td>
              <td className="px-4 py-3 text-right tabular-nums text-slate-800">
                {m.caseCount ?? (
                  <span className="text-slate-600">
                    <span aria-hidden>—</span>
                    <span className="sr-only">Not shown</span>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
