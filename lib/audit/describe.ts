import {
  CASE_STATUS_LABELS,
  LEVEL_LABELS,
  ROLE_LABELS,
  SPACE_LABELS,
  type TCaseStatus,
  type TLevel,
  type TRole,
  type TSpace,
} from "@/lib/schemas/vocabulary.ts";
import { auditEventSchema, isAuditAction, type AuditAction, type AuditEventData } from "./vocabulary.ts";

/*
 * Reading the audit chain: parseAuditEvent turns a stored row into a typed event (tolerant of
 * any stored shape), describeAuditEvent renders it as one sentence a person can read, plus the
 * stored details for a disclosure. Every reader (case history, member page, audit log, audit
 * exports) goes through here. Pure: components and export formats use it.
 */

/** A stored audit row, as far as reading it needs. */
export type AuditRowView = {
  action: string;
  actorType?: string | null;
  actorLabel: string;
  before: unknown;
  after: unknown;
  metadata?: unknown;
};

/** An event whose payload does not match its action's declared shape (an older or odd row): rendered from its action alone. */
export type UnknownShapeEvent = { shape: "unknown"; action: string; before: unknown; after: unknown; metadata: unknown };
export type KnownEvent = AuditEventData & { shape: "known" };

export type ParsedAuditEvent = {
  actor: { type: string; label: string };
  event: KnownEvent | UnknownShapeEvent;
};

/** What the reader knows about the event's entity: the case number or the name of the member or account it is about. */
export type DescribeContext = { caseNumber?: string | null; entityName?: string | null };

export type AuditDescription = {
  /** One plain sentence: who did what, to what. */
  sentence: string;
  /** The stored before / after / metadata, for a disclosure ("" when none was recorded). */
  details: string;
};

const TOKEN_OPEN = "(API token “";

/** "Sam Okafor (API token “walk-bot”)": how an API token's events name their actor. */
export function apiTokenActorLabel(userName: string, tokenName: string): string {
  return `${userName} ${TOKEN_OPEN}${tokenName}”)`;
}

/** The actor as a sentence names them; older rows ("Sam Okafor (token walk-bot)") read as new ones. */
export function actorDisplay(row: { actorType?: string | null; actorLabel: string }): string {
  const label = row.actorLabel;
  if (row.actorType === "api_token") {
    if (label.includes(TOKEN_OPEN)) return label;
    const old = /^(.*) \(token (.*)\)$/s.exec(label);
    return old ? apiTokenActorLabel(old[1]!, old[2]!) : `${label} (API token)`;
  }
  if (row.actorType === "system") return `The system (${label})`;
  return label;
}

const orNull = (v: unknown) => (v === undefined ? null : v);

/** The typed event of a stored row. Never throws: a row of another shape is the "unknown shape" variant. */
export function parseAuditEvent(row: AuditRowView): ParsedAuditEvent {
  const actor = { type: row.actorType ?? "user", label: actorDisplay(row) };
  const raw = { before: orNull(row.before), after: orNull(row.after), metadata: orNull(row.metadata) };
  if (isAuditAction(row.action)) {
    const parsed = auditEventSchema(row.action).safeParse({ action: row.action, ...raw });
    if (parsed.success) return { actor, event: { ...(parsed.data as AuditEventData), shape: "known" } };
  }
  return { actor, event: { shape: "unknown", action: row.action, ...raw } };
}

/** A short noun phrase per action: the audit log's action filter and the history's "What" column. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  "case.created": "Case logged",
  "case.status_changed": "Status changed",
  "case.assigned": "Assignment changed",
  "case.updated": "Details edited",
  "case.note_added": "Note added",
  "case.note_edited": "Note edited",
  "case.evidence_added": "Evidence added",
  "case.breach_changed": "Breach flag changed",
  "case.restricted": "Restricted to a case team",
  "case.unrestricted": "Restriction lifted",
  "case.team_member_added": "Added to the case team",
  "case.team_member_removed": "Removed from the case team",
  "case.team_joined": "Joined the case team",
  "reporter.revealed": "Reporter revealed",
  "decision.recorded": "Decision recorded",
  "decision.reversed": "Decision reversed",
  "decision.reviewed": "Decision reviewed",
  "decision.notice_sent": "Notice marked as sent",
  "export.created": "Export",
  "audit.verified": "Audit chain verified",
  "member.created": "Member added",
  "member.listed": "Member added",
  "member.updated": "Member edited",
  "member.merged": "Members merged",
  "user.created": "Account added",
  "user.role_changed": "Role changed",
  "user.deactivated": "Account deactivated",
  "user.reactivated": "Account reactivated",
  "user.member_linked": "Account linked to a member",
  "user.member_relinked": "Account linked to another member",
  "user.member_unlinked": "Account unlinked from its member",
  "user.signed_out_everywhere": "Signed out everywhere",
  "team.two_factor_requirement_changed": "Two-factor requirement changed",
  "auth.signed_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.signed_out": "Signed out",
  "auth.session_ended": "Session ended",
  "auth.other_sessions_ended": "Other sessions ended",
  "auth.throttle_lifted": "Sign-in limit lifted",
  "auth.two_factor_enrolment_started": "Two-factor setup started",
  "auth.two_factor_enabled": "Two-factor turned on",
  "auth.two_factor_disabled": "Two-factor turned off",
  "auth.recovery_code_used": "Recovery code used",
  "auth.recovery_codes_regenerated": "Recovery codes replaced",
  "api_token.created": "API token created",
  "api_token.revoked": "API token revoked",
  "data_key.rotated": "Data key rotated",
  "data_key.abandoned": "Data key abandoned",
};

/** The label of any stored action code (one the vocabulary no longer knows reads as its code). */
export function actionLabel(action: string): string {
  return isAuditAction(action) ? ACTION_LABELS[action] : action;
}

type Ctx = { actor: string; onCase: string; who: string };
type Sentences = { [A in AuditAction]: (e: Extract<AuditEventData, { action: A }>, c: Ctx) => string };

const clip = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const quoted = (text: string | null | undefined) => (text ? `: “${clip(text)}”` : "");
const status = (s: string) => CASE_STATUS_LABELS[s as TCaseStatus] ?? s;
const level = (l: string | null | undefined) => (l ? (LEVEL_LABELS[l as TLevel] ?? l) : "decision to take no action");
const role = (r: string | undefined) => (r ? (ROLE_LABELS[r as TRole] ?? r) : "");
const identity = (i: { space: string; handle: string }) => `${SPACE_LABELS[i.space as TSpace] ?? i.space}: ${i.handle}`;
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const REPORTER_KINDS: Record<string, string> = {
  member: "a community member",
  contact: "an outside contact",
  anonymous: "someone anonymous",
};
const FIELD_LABELS: Record<string, string> = {
  space: "the space",
  occurredAt: "when it happened",
  standards: "the standards",
  description: "the description",
  involved: "the involved people",
  breachOf: "the breach flag",
};
const SIGN_IN_METHODS: Record<string, string> = {
  password: "with a password",
  "password+totp": "with a password and an authenticator code",
  "password+second_factor": "with a password and a second factor",
  "password+recovery_code": "with a password and a recovery code",
  github: "with GitHub",
};
const SIGN_IN_FAILURES: Record<string, string> = {
  wrong_password: "wrong password",
  wrong_code: "wrong two-factor code",
  unknown_email: "no account has this email",
  deactivated: "the account is deactivated",
  not_a_moderator: "not a member of the team",
  throttled: "too many attempts",
};
const EXPORT_KINDS: Record<string, string> = {
  "transparency-report": "a transparency report",
  "decision-notice": "a decision notice",
  "decision-summaries": "decision summaries",
  audit: "the audit log",
};
const humanize = (code: string) => code.replace(/[_+]/g, " ");
const days = (from: string | Date, to: string | Date) => Math.round((new Date(to).getTime() - new Date(from).getTime()) / 86_400_000);

const SENTENCES: Sentences = {
  "case.created": (e, c) => {
    const a = e.after;
    const kind = REPORTER_KINDS[a.reporterKind] ?? a.reporterKind;
    const breach = a.breachOf ? `, a breach of the Warning on ${a.breachOf.caseNumber}` : "";
    const restricted = a.restricted ? ", restricted to a case team" : "";
    return `${c.actor} logged ${a.number} about ${a.subject.name}, reported by ${kind}${breach}${restricted}`;
  },
  "case.status_changed": (e, c) => {
    const reason = e.after.reason ?? e.metadata?.reason;
    return `${c.actor} moved ${c.onCase} from ${status(e.before.status)} to ${status(e.after.status)}${quoted(reason)}`;
  },
  "case.assigned": (e, c) =>
    e.after.assignee
      ? `${c.actor} assigned ${c.onCase} to ${e.after.assignee.name}`
      : `${c.actor} unassigned ${e.before.assignee ? `${e.before.assignee.name} from ` : ""}${c.onCase}${e.metadata ? `: ${e.metadata.reason}` : ""}`,
  "case.updated": (e, c) => {
    const fields = Object.keys(e.after).map((k) => FIELD_LABELS[k] ?? k);
    const after = e.metadata?.afterDecision ? " after its decision" : "";
    return `${c.actor} edited ${fields.length ? list(fields) : "the details"} of ${c.onCase}${after}${quoted(e.metadata?.reason)}`;
  },
  "case.note_added": (e, c) => `${c.actor} added a note to ${c.onCase}${quoted(e.after.body)}`,
  "case.note_edited": (e, c) => `${c.actor} edited a note on ${c.onCase}${quoted(e.after.body)}`,
  "case.evidence_added": (e, c) => `${c.actor} added evidence to ${c.onCase}: ${clip(e.after.url)}`,
  "case.breach_changed": (e, c) => {
    const subject = e.metadata?.case ?? c.onCase;
    return e.after.breachOf
      ? `${c.actor}'s change flagged ${subject} as a breach of the Warning on ${e.after.breachOf}`
      : `${c.actor}'s change cleared the flag of ${subject} as a breach of the Warning on ${e.before.breachOf ?? "another case"}`;
  },
  "case.restricted": (e, c) =>
    `${c.actor} restricted ${c.onCase} to a case team${e.after.team.length ? ` (${list(e.after.team.map((u) => u.name))})` : ""}`,
  "case.unrestricted": (_e, c) => `${c.actor} lifted the restriction of ${c.onCase} to a case team`,
  "case.team_member_added": (e, c) => `${c.actor} added ${e.after.user.name} to the case team of ${c.onCase}`,
  "case.team_member_removed": (e, c) => `${c.actor} removed ${e.before.user.name} from the case team of ${c.onCase}`,
  "case.team_joined": (e, c) => `${c.actor} joined the case team of ${c.onCase}${quoted(e.after.reason)}`,
  "reporter.revealed": (e, c) =>
    `${c.actor} revealed who reported ${e.metadata.number}${e.metadata.via === "member.merge refused" ? " (a refused merge named them)" : ""}`,
  "decision.recorded": (e, c) => {
    const a = e.after;
    const noContact = a.noContact ? `, with a ${days(a.noContact.startsAt, a.noContact.endsAt)}-day no-contact period` : "";
    const deviation = a.deviation && a.recommended !== undefined ? `, instead of the recommended ${level(a.recommended)}` : "";
    return `${c.actor} recorded a ${level(a.level)} on ${a.case}${noContact}${deviation}`;
  },
  "decision.reversed": (e, c) => {
    const l = e.after.level ?? e.before?.level;
    return `${c.actor} reversed the ${l === undefined ? "decision" : level(l)} on ${e.after.case ?? c.onCase}${quoted(e.after.reason)}`;
  },
  "decision.reviewed": (e, c) => `${c.actor} reviewed the ${level(e.after.level)} on ${e.after.case} and kept it${quoted(e.after.reason)}`,
  "decision.notice_sent": (e, c) => `${c.actor} marked the decision notice for ${e.after.case ?? c.onCase} as sent`,
  "export.created": (e, c) => {
    const m = e.metadata;
    const what = EXPORT_KINDS[m.kind] ?? `an export (${m.kind})`;
    const mode = m.mode === "internal" || m.mode === "public" ? `${m.mode} ` : "";
    const filters = m.filters && typeof m.filters === "object" ? (m.filters as Record<string, unknown>) : {};
    const forCase = m.kind === "decision-notice" && typeof filters.case === "string" ? ` for ${filters.case}` : "";
    return `${c.actor} exported ${mode ? `${what.replace(/^(a|an|the) /, (art) => `${art}${mode}`)}` : what}${forCase} as ${m.format.toUpperCase()} (${plural(m.rows, "row")})`;
  },
  "audit.verified": (e, c) =>
    e.metadata.ok
      ? `${c.actor} verified the audit chain: intact, ${plural(e.metadata.count, "event")}`
      : `${c.actor} verified the audit chain: broken${e.metadata.problem ? ` (${e.metadata.problem})` : ""}`,
  "member.created": (e, c) =>
    "confidential" in e.after
      ? `${c.actor} added a member record for a confidential reporter`
      : `${c.actor} added ${e.after.displayName}${e.after.identities.length ? ` (${e.after.identities.map(identity).join(", ")})` : ""}`,
  // A record first made for a confidential reporter reads as added when it is first named in another role.
  "member.listed": (e, c) =>
    `${c.actor} added ${e.after.displayName}${e.after.identities.length ? ` (${e.after.identities.map(identity).join(", ")})` : ""}`,
  "member.updated": (e, c) => {
    const changes: string[] = [];
    if (e.before.displayName !== e.after.displayName) changes.push(`renamed them from ${e.before.displayName} to ${e.after.displayName}`);
    const had = new Set(e.before.identities.map(identity));
    const has = new Set(e.after.identities.map(identity));
    const retired = e.metadata?.retired ?? [];
    const restored = new Set((e.metadata?.restored ?? []).map(identity));
    const added = [...has].filter((l) => !had.has(l) && !restored.has(l));
    const removed = [...had].filter((l) => !has.has(l));
    if (added.length) changes.push(`added ${added.join(", ")}`);
    if (restored.size) changes.push(`brought back ${[...restored].join(", ")}`);
    if (removed.length) changes.push(`${retired.length ? "retired" : "removed"} ${removed.join(", ")}`);
    return changes.length
      ? `${c.actor} edited ${e.after.displayName}: ${changes.join("; ")}`
      : `${c.actor} saved ${e.after.displayName} without changes`;
  },
  "member.merged": (e, c) => {
    const s = e.before.source;
    const moved = s.identities?.length ? ` (${s.identities.map(identity).join(", ")})` : "";
    return `${c.actor} merged the duplicate record ${s.displayName}${moved} into ${e.before.target.displayName}${quoted(e.metadata?.reason)}`;
  },
  "user.created": (e, c) => `${c.actor} added the team account ${e.after.name} (${role(e.after.role)})`,
  "user.role_changed": (e, c) => `${c.actor} changed the role of ${c.who} from ${role(e.before.role)} to ${role(e.after.role)}`,
  "user.deactivated": (_e, c) => `${c.actor} deactivated the account of ${c.who}`,
  "user.reactivated": (_e, c) => `${c.actor} reactivated the account of ${c.who}`,
  "user.member_linked": (e, c) =>
    `${c.actor} linked the account of ${c.who} to the member record ${e.after.member.displayName}${e.after.created ? " (a new record)" : ""}`,
  "user.member_relinked": (e, c) =>
    `${c.actor} moved the account of ${c.who} from the member record ${e.before.member?.displayName ?? "it had"} to ${e.after.member.displayName}${e.after.created ? " (a new record)" : ""}`,
  "user.member_unlinked": (e, c) =>
    `${c.actor} unlinked the account of ${c.who} from the member record ${e.before.member?.displayName ?? "it had"}`,
  "user.signed_out_everywhere": (e, c) => `${c.actor} signed ${c.who} out everywhere (${plural(e.metadata.sessions, "session")})`,
  "team.two_factor_requirement_changed": (e, c) =>
    e.after.requireTwoFactor
      ? `${c.actor} required two-factor sign-in for every team member`
      : `${c.actor} stopped requiring two-factor sign-in`,
  "auth.signed_in": (e, c) => {
    const method = e.metadata?.method;
    const how = method ? ` ${SIGN_IN_METHODS[method] ?? `with ${humanize(method)}`}` : "";
    return `${c.actor} signed in${how}${e.metadata?.linked ? ", linking their GitHub account" : ""}`;
  },
  "auth.sign_in_failed": (e, c) =>
    `A sign-in${c.who !== "a team account" ? ` as ${c.who}` : ""} failed: ${SIGN_IN_FAILURES[e.metadata.reason] ?? humanize(e.metadata.reason)}`,
  "auth.signed_out": (_e, c) => `${c.actor} signed out`,
  "auth.session_ended": (e, c) =>
    `${c.actor} signed out one of their other sessions${e.metadata.browser ? ` (${e.metadata.browser})` : ""}`,
  "auth.other_sessions_ended": (e, c) => `${c.actor} signed out their other sessions (${plural(e.metadata.sessions, "session")})`,
  "auth.throttle_lifted": (e, c) =>
    e.metadata.scope === "account"
      ? `${c.actor} lifted the sign-in limit on the account of ${c.who}`
      : `${c.actor} lifted the sign-in limit on the address ${e.metadata.address ?? "(unknown)"}`,
  "auth.two_factor_enrolment_started": (_e, c) => `${c.actor} started setting up two-factor sign-in`,
  "auth.two_factor_enabled": (_e, c) => `${c.actor} turned on two-factor sign-in`,
  "auth.two_factor_disabled": (_e, c) => `${c.actor} turned off two-factor sign-in`,
  "auth.recovery_code_used": (e, c) => `${c.actor} signed in with a recovery code (${plural(e.metadata.left, "code")} left)`,
  "auth.recovery_codes_regenerated": (_e, c) => `${c.actor} replaced their recovery codes`,
  "api_token.created": (e, c) =>
    `${c.actor} created the API token “${e.after.name}”${e.after.owner ? ` for ${e.after.owner.name}` : ""}${e.after.scope ? ` (${humanize(e.after.scope)})` : ""}`,
  "api_token.revoked": (e, c) => `${c.actor} revoked the API token “${e.after.name}”`,
  "data_key.rotated": (e, c) =>
    `${c.actor} rotated the reporter data key to ${e.metadata.keyId} (${plural(e.metadata.reencrypted, "reporter")} re-encrypted)`,
  "data_key.abandoned": (e, c) =>
    `${c.actor} abandoned the data key ${e.metadata.keyId} (${plural(e.metadata.cases, "reporter")} only it could read)`,
};

/** Every action has a sentence (the unit test iterates over the vocabulary's options). */
export function hasSentence(action: AuditAction): boolean {
  return typeof SENTENCES[action] === "function";
}

function detailsOf(e: { before?: unknown; after?: unknown; metadata?: unknown }): string {
  const parts = Object.entries({ before: e.before, after: e.after, metadata: e.metadata }).filter(([, v]) => v !== null && v !== undefined);
  return parts.length ? JSON.stringify(Object.fromEntries(parts), null, 2) : "";
}

/** One sentence for an event, and its stored details; an event of an unknown shape is told from its action alone. */
export function describeAuditEvent(parsed: ParsedAuditEvent, context: DescribeContext = {}): AuditDescription {
  const { event } = parsed;
  const c: Ctx = {
    actor: parsed.actor.label,
    onCase: context.caseNumber || "a case",
    who: context.entityName || "a team account",
  };
  const details = detailsOf(event);
  if (event.shape === "known") {
    const sentence = (SENTENCES[event.action] as (e: AuditEventData, c: Ctx) => string)(event, c);
    return { sentence, details };
  }
  const what = isAuditAction(event.action) ? ACTION_LABELS[event.action].toLowerCase() : `“${event.action}”`;
  const on = context.caseNumber ? ` on ${context.caseNumber}` : context.entityName ? ` (${context.entityName})` : "";
  return { sentence: `${parsed.actor.label} recorded: ${what}${on} (in an older form: see the details)`, details };
}

/** parseAuditEvent then describeAuditEvent: the sentence of a stored row. */
export function describeAuditRow(row: AuditRowView, context: DescribeContext = {}): AuditDescription {
  return describeAuditEvent(parseAuditEvent(row), context);
}
