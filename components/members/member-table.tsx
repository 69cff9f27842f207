import Link from "next/link";
import type { TStanding, TSpace } from "@/lib/schemas/vocabulary.ts";
import { DataTable } from "@/components/ui/data-table.tsx";
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

export function MemberTable({ rows, labelledBy }: { rows: MemberTableRow[]; labelledBy: string }) {
  return (
    <DataTable
      labelledBy={labelledBy}
      rows={rows}
      rowKey={(m) => m.id}
      alignTop
      className="min-w-[42rem]"
      columns={[
        {
          header: "Name",
          cell: (m) => (
            <Link href={`/members/${m.id}`} className="font-medium text-indigo-700 hover:text-indigo-900 hover:underline">
              {m.displayName}
            </Link>
          ),
        },
        { header: "Identities", cell: (m) => <IdentityList identities={m.identities} retired={m.retiredIdentities} compact /> },
        {
          header: "Standing",
          cell: (m) =>
            m.standing ? (
              <StandingBadge status={m.standing.status} noContactUntil={m.standing.noContactUntil} />
            ) : (
              <span className="text-xs text-slate-600">Not shown (your record)</span>
            ),
        },
        {
          header: "Cases",
          numeric: true,
          className: "text-slate-800",
          cell: (m) =>
            m.caseCount ?? (
              <span className="text-slate-600">
                <span aria-hidden>—</span>
                <span className="sr-only">Not shown</span>
              </span>
            ),
        },
      ]}
    />
  );
}
