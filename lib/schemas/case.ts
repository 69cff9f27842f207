import { z } from "zod";
import { ZDisplayName, ZHandle, type TMemberRef } from "./member.ts";
import { CASE_STATUSES, LEVELS, SPACES, STANDARDS, type TCaseStatus, type TLevel, type TSpace } from "./vocabulary.ts";

/*
 * Cases: one zod schema per verb, shared by the forms and the server. Messages are meant
 * for the person filling in the form, one per field.
 */

/** The message a stale edit gets (optimistic versioning): nothing was written. */
export const CASE_CONFLICT_MESSAGE = "This case was changed by someone else";

// A moment a few minutes ahead still counts as "now": clocks and minute-precision inputs differ.
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const ZSpaceChoice = z.enum(SPACES, { error: "Choose a space" });
const ZStandardChoice = z.enum(STANDARDS, { error: "Choose standards from the list" });

/**
 * A member reference (lib/schemas/member.ts ZMemberRef) with a message per field: the
 * form of the reference is chosen first, so a bad space or handle is reported on its own
 * field instead of as "Invalid input".
 */
const ZMemberById = z.object({ memberId: z.uuid("Unknown member") }).strict();
const ZMemberByHandle = z
  .object({
    space: ZSpaceChoice,
    handle: z.preprocess((v) => v ?? "", ZHandle),
    displayName: z.preprocess(blankToUndefined, ZDisplayName.optional()),
  })
  .strict();
export const ZCaseMemberRef = z.custom<TMemberRef>().transform((value, ctx): TMemberRef => {
  const schema = value && typeof value === "object" && "memberId" in value ? ZMemberById : ZMemberByHandle;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
});

/** When it happened: an ISO moment, or a datetime-local value ("2026-05-01T14:30"), read as UTC. */
export const ZOccurredAt = z.preprocess(
  (v) => {
    if (v instanceof Date) return v;
    if (typeof v !== "string" || v.trim() === "") return undefined;
    const s = v.trim();
    return new Date(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s}Z` : s);
  },
  z
    .date({ error: (issue) => (issue.input === undefined ? "Enter when it happened" : "Enter a valid date and time") })
    .refine((d) => d.getTime() <= Date.now() + FUTURE_TOLERANCE_MS, { error: "When it happened cannot be in the future" })
    .refine((d) => d.getUTCFullYear() >= 1990, { error: "Enter a valid date and time" }),
);

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const ZEvidenceUrl = z
  .string({ error: "Enter a link" })
  .trim()
  .min(1, "Enter a link")
  .max(2000, "Use at most 2000 characters per link")
  .refine(isWebLink, { error: "Evidence links must be web addresses starting with http:// or https://" });

export const ZStandards = z
  .array(ZStandardChoice, { error: "Choose at least one standard violated" })
  .min(1, "Choose at least one standard violated")
  .transform((list) => [...new Set(list)]);

export const ZDescription = z
  .string({ error: "Describe what happened" })
  .trim()
  .min(1, "Describe what happened")
  .max(20000, "Use at most 20000 characters");

const ZVersion = z.coerce
  .number({ error: "Reload the page: the case version is missing" })
  .int()
  .min(1, "Reload the page: the case version is missing");
const ZCaseId = z.uuid("Unknown case");

/** Who reported it. Always confidential: only revealed on an explicit, audited request. */
export const ZCaseReporter = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("member"), member: ZCaseMemberRef }),
    z
      .object({
        kind: z.literal("contact"),
        name: z.preprocess(blankToUndefined, z.string().trim().max(200, "Use at most 200 characters").optional()),
        email: z.preprocess(blankToUndefined, z.email("Enter a valid email address").max(320).optional()),
      })
      .refine((c) => c.name !== undefined || c.email !== undefined, { error: "Enter the contact's name or email", path: ["name"] }),
    z.object({ kind: z.literal("anonymous") }),
  ],
  { error: "Choose who reported it" },
);
export type TCaseReporter = z.infer<typeof ZCaseReporter>;

export const ZCreateCaseSchema = z.object({
  subject: ZCaseMemberRef,
  reporter: ZCaseReporter,
  involved: z.array(ZCaseMemberRef).max(50, "Name at most 50 involved people").default([]),
  space: ZSpaceChoice,
  occurredAt: ZOccurredAt,
  standards: ZStandards,
  description: ZDescription,
  evidence: z.array(ZEvidenceUrl).max(50, "Add at most 50 links").default([]),
  /** Need to know: only its case team (at first, whoever logs it) sees it (lib/schemas/case-team.ts). */
  restricted: z.boolean({ error: "Choose whether the case is restricted" }).optional(),
});
export type TCreateCase = z.input<typeof ZCreateCaseSchema>;

export const ZUpdateCaseDetailsSchema = z.object({
  caseId: ZCaseId,
  version: ZVersion,
  space: ZSpaceChoice.optional(),
  occurredAt: ZOccurredAt.optional(),
  standards: ZStandards.optional(),
  description: ZDescription.optional(),
  involved: z.array(ZCaseMemberRef).max(50, "Name at most 50 involved people").optional(),
});
export type TUpdateCaseDetails = z.input<typeof ZUpdateCaseDetailsSchema>;

export const ZChangeCaseStatusSchema = z.object({
  caseId: ZCaseId,
  version: ZVersion,
  status: z.enum(["investigating", "dismissed", "closed"], { error: "Choose a status" }),
  reason: z.preprocess(blankToUndefined, z.string().trim().max(2000, "Use at most 2000 characters").optional()),
});
export type TChangeCaseStatus = z.input<typeof ZChangeCaseStatusSchema>;

export const ZAssignCaseSchema = z.object({
  caseId: ZCaseId,
  version: ZVersion,
  assigneeId: z.preprocess(blankToUndefined, z.uuid("Choose a team member").nullish()).transform((v) => v ?? null),
});
export type TAssignCase = z.input<typeof ZAssignCaseSchema>;

const ZNoteBody = z.string({ error: "Write the note" }).trim().min(1, "Write the note").max(20000, "Use at most 20000 characters");

export const ZAddNoteSchema = z.object({ caseId: ZCaseId, body: ZNoteBody });
export const ZEditNoteSchema = z.object({ noteId: z.uuid("Unknown note"), body: ZNoteBody });

export const ZAddEvidenceSchema = z.object({
  caseId: ZCaseId,
  url: ZEvidenceUrl,
  note: z.preprocess(blankToUndefined, z.string().trim().max(500, "Use at most 500 characters").optional()),
});

export const ZRevealReporterSchema = z.object({ caseId: ZCaseId });

/* The case list: filters, sorting and pages from the URL. A bad parameter is ignored. */

export const CASE_PAGE_SIZE = 25;
export const CASE_SORTS = ["logged", "occurred", "number", "status"] as const;
export type TCaseSort = (typeof CASE_SORTS)[number];
export const CASE_SORT_LABELS: Record<TCaseSort, string> = {
  logged: "Logged",
  occurred: "Happened",
  number: "Case",
  status: "Status",
};

const ZIsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()));

export const ZCaseListQuery = z.object({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  level: z.enum(LEVELS).optional().catch(undefined),
  space: z.enum(SPACES).optional().catch(undefined),
  standard: z.enum(STANDARDS).optional().catch(undefined),
  /** "unassigned", "me" or a user id. */
  assignee: z
    .union([z.literal("unassigned"), z.literal("me"), z.uuid()])
    .optional()
    .catch(undefined),
  /** Which date the From / To range applies to. */
  dates: z.enum(["logged", "occurred"]).catch("logged"),
  from: ZIsoDay.optional().catch(undefined),
  to: ZIsoDay.optional().catch(undefined),
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).catch(undefined),
  sort: z.enum(CASE_SORTS).catch("logged"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

/** One row of the cases list, as the domain returns it and the table shows it (never reporter fields). */
export type TCaseListRow = {
  id: string;
  number: string;
  status: TCaseStatus;
  space: TSpace;
  standards: string[];
  subjectName: string;
  /** The level of the latest decision not reversed; null for "no action"; undefined when undecided. */
  level: TLevel | null | undefined;
  breach: boolean;
  assigneeName: string | null;
  occurredAt: Date;
  createdAt: Date;
};
