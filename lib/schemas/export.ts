import { z } from "zod";
import { CASE_STATUSES, LEVELS, SPACES, STANDARDS } from "./vocabulary.ts";

/*
 * Exports: decision summaries (filters, redaction mode, format), the transparency report
 * and decision notices. Shared by the export page, the download routes and the server.
 */

/** internal: members named, reporter and involved people left out; public: pseudonyms, no free text;
 *  full: admins only, with the reporter and involved people, and a recorded reason. */
export const EXPORT_MODES = ["internal", "public", "full"] as const;
export const ZExportMode = z.enum(EXPORT_MODES, { error: "Choose a mode" });
export type TExportMode = z.infer<typeof ZExportMode>;
export const EXPORT_MODE_LABELS: Record<TExportMode, string> = { internal: "Internal", public: "Public", full: "Full" };

export const EXPORT_FORMATS = ["csv", "json", "markdown"] as const;
export const ZExportFormat = z.enum(EXPORT_FORMATS, { error: "Choose a format" });
export type TExportFormat = z.infer<typeof ZExportFormat>;
export const EXPORT_FORMAT_LABELS: Record<TExportFormat, string> = { csv: "CSV", json: "JSON", markdown: "Markdown" };

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalDate = z.preprocess(blank, z.iso.date({ error: "Use a date like 2026-01-31" }).optional());

export const ZDecisionExportInput = z
  .object({
    from: optionalDate,
    to: optionalDate,
    /** A ladder level, or "none" for decisions with no action. */
    level: z.preprocess(blank, z.union([z.enum(LEVELS), z.literal("none")], { error: "Choose a level from the list" }).optional()),
    space: z.preprocess(blank, z.enum(SPACES, { error: "Choose a space from the list" }).optional()),
    standard: z.preprocess(blank, z.enum(STANDARDS, { error: "Choose a standard from the list" }).optional()),
    status: z.preprocess(blank, z.enum(CASE_STATUSES, { error: "Choose a status from the list" }).optional()),
    mode: z.preprocess((v) => blank(v) ?? "internal", ZExportMode),
    format: z.preprocess((v) => blank(v) ?? "csv", ZExportFormat),
    reason: z.preprocess(blank, z.string().trim().max(2_000, "Use at most 2000 characters").optional()),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date" });
    }
    if (value.mode === "full" && (value.reason?.length ?? 0) < 10) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "A full export includes reporters: give the reason for it (at least 10 characters)",
      });
    }
  });
export type TDecisionExportInput = z.infer<typeof ZDecisionExportInput>;

export const TRANSPARENCY_PERIODS = ["month", "quarter", "year"] as const;
export const ZTransparencyPeriod = z.enum(TRANSPARENCY_PERIODS, { error: "Choose month, quarter or year" });
export type TTransparencyPeriod = z.infer<typeof ZTransparencyPeriod>;
export const TRANSPARENCY_PERIOD_LABELS: Record<TTransparencyPeriod, string> = { month: "Month", quarter: "Quarter", year: "Year" };

/** The report covers the months or quarters of one year, or the three years up to it. */
export const ZTransparencyInput = z.object({
  period: z.preprocess((v) => blank(v) ?? "month", ZTransparencyPeriod),
  year: z.preprocess(
    (v) => blank(v) ?? new Date().getUTCFullYear(),
    z.coerce.number({ error: "Enter a year" }).int("Enter a year").min(2000, "From 2000").max(2100, "Until 2100"),
  ),
  threshold: z.preprocess(
    (v) => blank(v) ?? 3,
    z.coerce.number({ error: "Enter a number" }).int("Use a whole number").min(1, "At least 1").max(50, "At most 50"),
  ),
});
export type TTransparencyInput = z.infer<typeof ZTransparencyInput>;

export const TRANSPARENCY_FORMATS = ["csv", "markdown"] as const;
export const ZTransparencyFormat = z.enum(TRANSPARENCY_FORMATS, { error: "Choose CSV or Markdown" });
export type TTransparencyFormat = z.infer<typeof ZTransparencyFormat>;

export const NOTICE_FORMATS = ["txt", "md"] as const;
export const ZNoticeFormat = z.enum(NOTICE_FORMATS, { error: "Choose .txt or .md" });
export type TNoticeFormat = z.infer<typeof ZNoticeFormat>;

export const ZDecisionRef = z.object({ decisionId: z.uuid("Unknown decision") });
