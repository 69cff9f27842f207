import type { TExportMode } from "@/lib/schemas/export.ts";
import type { TLevel, TSpace } from "@/lib/schemas/vocabulary.ts";
import type { Pseudonyms } from "./pseudonyms.ts";

/*
 * One row of a decision summaries export, built from a decision and its case according to
 * the redaction mode. Codes (level, standards, space) follow DESIGN.md's shared vocabulary.
 *
 * - internal: the member is named; the reporter and involved people are left out.
 * - public: the member becomes a pseudonym, the moderator is left out, and the rationale
 *   is replaced by the decision's public summary (empty when there is none).
 * - full (admins only): adds the reporter and the involved people.
 *
 * Reversed decisions are included, marked in the "reversed" column with the moment of the
 * reversal, so a summary never presents a reversed decision as standing (and the record of
 * what was decided, then undone, stays complete).
 */

export type DecisionSummarySource = {
  decisionId: string;
  caseNumber: string;
  decidedAt: Date;
  level: TLevel | null;
  standards: string[];
  space: TSpace;
  rationale: string;
  publicSummary: string | null;
  noContact: { startsAt: Date; endsAt: Date } | null;
  member: { id: string; name: string };
  moderator: string | null;
  reversedAt: Date | null;
  /** Only loaded for full exports. */
  reporter?: string;
  involved?: string[];
};

export type DecisionSummaryRow = {
  caseNumber: string;
  decidedAt: string;
  level: TLevel | "none";
  standards: string[];
  space: TSpace;
  rationale: string;
  noContactPeriod: { startsAt: string; endsAt: string } | null;
  member: string;
  moderator: string;
  reversed: string | null;
  reporter?: string;
  involved?: string[];
};

export type SummaryColumn = { key: keyof DecisionSummaryRow; header: string };

const BASE_COLUMNS: SummaryColumn[] = [
  { key: "caseNumber", header: "Case number" },
  { key: "decidedAt", header: "Decided at" },
  { key: "level", header: "Level" },
  { key: "standards", header: "Standards" },
  { key: "space", header: "Space" },
  { key: "rationale", header: "Rationale" },
  { key: "noContactPeriod", header: "No-contact period" },
  { key: "member", header: "Member" },
  { key: "moderator", header: "Moderator" },
  { key: "reversed", header: "Reversed" },
];
const FULL_COLUMNS: SummaryColumn[] = [
  { key: "reporter", header: "Reporter" },
  { key: "involved", header: "Involved people" },
];

export function summaryColumns(mode: TExportMode): SummaryColumn[] {
  return mode === "full" ? [...BASE_COLUMNS, ...FULL_COLUMNS] : BASE_COLUMNS;
}

export function toSummaryRow(source: DecisionSummarySource, mode: TExportMode, pseudonyms: Pseudonyms): DecisionSummaryRow {
  const isPublic = mode === "public";
  const row: DecisionSummaryRow = {
    caseNumber: source.caseNumber,
    decidedAt: source.decidedAt.toISOString(),
    level: source.level ?? "none",
    standards: [...source.standards],
    space: source.space,
    rationale: isPublic ? (source.publicSummary ?? "") : source.rationale,
    noContactPeriod: source.noContact
      ? { startsAt: source.noContact.startsAt.toISOString(), endsAt: source.noContact.endsAt.toISOString() }
      : null,
    member: isPublic ? pseudonyms.of(source.member.id) : source.member.name,
    moderator: isPublic ? "" : (source.moderator ?? ""),
    reversed: source.reversedAt ? source.reversedAt.toISOString() : null,
  };
  if (mode === "full") {
    row.reporter = source.reporter ?? "";
    row.involved = [...(source.involved ?? [])];
  }
  return row;
}

/** A cell as text, for CSV and Markdown: lists joined with "; ", a period as an ISO 8601 interval. */
export function summaryCellText(row: DecisionSummaryRow, key: keyof DecisionSummaryRow): string {
  const value = row[key];
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("; ");
  if (typeof value === "object") return `${value.startsAt.slice(0, 10)}/${value.endsAt.slice(0, 10)}`;
  return value;
}
