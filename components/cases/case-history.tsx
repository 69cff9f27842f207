import { CASE_STATUS_LABELS, LEVEL_LABELS, type TCaseStatus, type TLevel } from "@/lib/schemas/vocabulary.ts";
import { formatDateTime } from "@/lib/format/dates.ts";

export type AuditEntryView = { seq: string; occurredAt: string; actorLabel: string; action: string; before: unknown; after: unknown };

const ACTION_LABELS: Record<string, string> = {
  "case.created": "Case logged",
  "case.status_changed": "Status changed",
  "case.assigned": "Assignment changed",
  "case.updated": "Details edited",
  "case.note_added": "Note added",
  "case.note_edited": "Note edited",
  "case.evidence_added": "Evidence added",
  "reporter.revealed": "Reporter revealed",
  "decision.recorded": "Decision recorded",
  "decision.reversed": "Decision reversed",
  "case.restricted": "Restricted to a case team",
  "case.unrestricted": "Restriction lifted",
  "case.team_member_added": "Added to the case team",
  "case.team_member_removed": "Removed from the case team",
  "case.team_joined": "Joined the case team",
};

const FIELD_LABELS: Record<string, string> = {
  space: "space",
  occurredAt: "when it happened",
  standards: "standards",
  description: "description",
  involved: "involved people",
  breachOf: "breach flag",
};

const REPORTER_KINDS: Record<string, string> = { member: "a community member", contact: "an outside contact", anonymous: "anonymous" };

type Json = Record<string, unknown> | null;
const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Record<string, unknown>) : null);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const status = (v: unknown) => CASE_STATUS_LABELS[v as TCaseStatus] ?? String(v);
const clip = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One line saying what an audit event changed, from its before/after (never a reporter's identity: none is recorded). */
function summary(entry: AuditEntryView): string {
  const before = obj(entry.before);
  const after = obj(entry.after);
  switch (entry.action) {
    case "case.created": {
      const subject = str(obj(after?.subject)?.name);
      const kind = REPORTER_KINDS[str(after?.reporterKind) ?? ""];
      const breach = str(obj(after?.breachOf)?.caseNumber);
      return [subject && `Against ${subject}`, kind && `reported by ${kind}`, breach && `breach of case ${breach}`]
        .filter(Boolean)
        .join("; ");
    }
    case "case.status_changed": {
      const reason = str(after?.reason);
      return `${status(before?.status)} → ${status(after?.status)}${reason ? `: ${clip(reason)}` : ""}`;
    }
    case "case.assigned": {
      const to = str(obj(after?.assignee)?.name);
      return to ? `Assigned to ${to}` : "Unassigned";
    }
    case "case.updated": {
      const fields = Object.keys(after ?? {}).map((k) => FIELD_LABELS[k] ?? k);
      return fields.length ? `Changed ${fields.join(", ")}` : "";
    }
    case "case.note_added":
    case "case.note_edited":
      return clip(str(after?.body) ?? "");
    case "case.evidence_added":
      return clip(str(after?.url) ?? "");
    case "reporter.revealed":
      return "The reporter's identity was shown";
    case "decision.recorded": {
      const level = after?.level;
      return level === null ? "No action" : level ? (LEVEL_LABELS[level as TLevel] ?? String(level)) : "";
    }
    case "decision.reversed":
      return clip(str(after?.reason) ?? "");
    case "case.restricted": {
      const team = Array.isArray(after?.team) ? after.team.map((u) => str(obj(u)?.name)).filter(Boolean) : [];
      return team.length ? `Case team: ${team.join(", ")}` : "";
    }
    case "case.team_member_added":
      return str(obj(after?.user)?.name) ?? "";
    case "case.team_member_removed":
      return str(obj(before?.user)?.name) ?? "";
    case "case.team_joined":
      return clip(`${str(obj(after?.user)?.name) ?? ""}: ${str(after?.reason) ?? ""}`);
    default:
      return "";
  }
}

/** The case's audit trail, oldest first: every change and every reveal, with who and when. */
export function CaseHistory({ entries }: { entries: AuditEntryView[] }) {
  return (
    <section aria-labelledby="history-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <h2 id="history-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
        History
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="w-px whitespace-nowrap px-4 py-2 font-medium">
                When
              </th>
              <th scope="col" className="w-px whitespace-nowrap px-4 py-2 font-medium">
                Who
              </th>
              <th scope="col" className="w-px whitespace-nowrap px-4 py-2 font-medium">
                What
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Details
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.map((e) => (
              <tr key={e.seq} className="align-top">
                <td className="whitespace-nowrap px-4 py-2 text-slate-700">
                  <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
                </td>
                <td className="whitespace-nowrap px-4 py-2">{e.actorLabel}</td>
                <td className="whitespace-nowrap px-4 py-2">{ACTION_LABELS[e.action] ?? e.action}</td>
                <td className="px-4 py-2 text-slate-700">{summary(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
