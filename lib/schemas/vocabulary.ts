import { z } from "zod";
import "./zod-config.ts";

/*
 * DESIGN.md's shared vocabulary: the codes the database, the API, exports and tests share.
 * Labels are the guidelines' own words.
 */

export const SPACES = ["github", "slack", "email", "discord", "forum", "social", "event", "other"] as const;
export const ZSpace = z.enum(SPACES);
export type TSpace = z.infer<typeof ZSpace>;
export const SPACE_LABELS: Record<TSpace, string> = {
  github: "GitHub",
  slack: "Slack",
  email: "Email",
  discord: "Discord",
  forum: "Forum",
  social: "Social media",
  event: "Event",
  other: "Other",
};

export const STANDARDS = [
  "sexualized-language",
  "trolling-insults",
  "harassment",
  "doxxing",
  "unprofessional",
  "slack-wrong-channel",
  "slack-not-threaded",
  "slack-derailing",
  "slack-cross-posting",
  "slack-mass-mention",
  "slack-soliciting",
  "other",
] as const;
export const ZStandard = z.enum(STANDARDS);
export type TStandard = z.infer<typeof ZStandard>;
export const STANDARD_LABELS: Record<TStandard, string> = {
  "sexualized-language": "Sexualized language or imagery, or sexual attention or advances",
  "trolling-insults": "Trolling, insulting or derogatory comments, personal or political attacks",
  harassment: "Public or private harassment",
  doxxing: "Publishing others' private information",
  unprofessional: "Conduct inappropriate in a professional setting",
  "slack-wrong-channel": "Discussion started in the wrong channel",
  "slack-not-threaded": "Discussion not kept in a thread",
  "slack-derailing": "Diverting a discussion midstream",
  "slack-cross-posting": "Cross-posting or bumping to demand attention",
  "slack-mass-mention": "Mentioning @channel, @here or members to demand attention",
  "slack-soliciting": "Soliciting members about products or services",
  other: "Other",
};

/** The Community Impact Guidelines' ladder, in order of severity. */
export const LEVELS = ["reminder", "warning", "permanent_ban"] as const;
export const ZLevel = z.enum(LEVELS);
export type TLevel = z.infer<typeof ZLevel>;
export const LEVEL_LABELS: Record<TLevel, string> = {
  reminder: "Reminder",
  warning: "Warning",
  permanent_ban: "Permanent ban",
};

export const STANDINGS = ["good", "reminded", "warned", "banned"] as const;
export const ZStanding = z.enum(STANDINGS);
export type TStanding = z.infer<typeof ZStanding>;
export const STANDING_LABELS: Record<TStanding, string> = {
  good: "Good standing",
  reminded: "Reminded",
  warned: "Warned",
  banned: "Permanently banned",
};

export const CASE_STATUSES = ["new", "investigating", "decided", "closed", "dismissed"] as const;
export const ZCaseStatus = z.enum(CASE_STATUSES);
export type TCaseStatus = z.infer<typeof ZCaseStatus>;
export const CASE_STATUS_LABELS: Record<TCaseStatus, string> = {
  new: "New",
  investigating: "Investigating",
  decided: "Decided",
  closed: "Closed",
  dismissed: "Dismissed",
};

export const ROLES = ["admin", "moderator", "viewer"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;
export const ROLE_LABELS: Record<TRole, string> = { admin: "Admin", moderator: "Moderator", viewer: "Viewer" };

/** Case numbers: year of logging, then a 4+ digit sequence within the year. */
export const ZCaseNumber = z.string().regex(/^\d{4}-\d{4,}$/, "Case numbers look like 2026-0042");
export function formatCaseNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(4, "0")}`;
}

/*
 * Format characters (zero-width space and joiners, the BOM, soft hyphen, bidi controls…) and the
 * other default-ignorable code points (variation selectors, Hangul fillers, the combining grapheme
 * joiner…): they draw nothing, so a handle typed with them is the same handle.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** Full case folding, approximated: upper then lower case maps ß→ss, ς→σ, ﬁ→fi; NFKC settles what that composes. */
function foldCase(s: string): string {
  return s.toUpperCase().toLowerCase().normalize("NFKC");
}

/**
 * The key handles are compared by (`@Alice` = `alice` = `ａｌｉｃｅ` = `ali\u200Bce`): Unicode NFKC
 * (fullwidth and compatibility forms become plain ones), invisible characters removed, case folded,
 * surrounding spaces and leading "@"s dropped. Idempotent. Handles that only look alike (`nооrh` with
 * Cyrillic о) stay different here: handleSkeleton (lib/schemas/handle-skeleton.ts) finds those.
 */
export function normalizeHandle(handle: string): string {
  let s = handle.normalize("NFKC").replace(INVISIBLE, "");
  s = foldCase(s).replace(INVISIBLE, "");
  return s.trim().replace(/^@+/, "").trim();
}
