import { z } from "zod";
import "./zod-config.ts";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.iso.date({ error: "Use a date like 2026-01-31" }).optional());

/** Filters of the audit log, shared by the page and its downloads (all optional, from the query string). */
export const ZAuditFilterSchema = z.object({
  actor: z.union([z.uuid(), z.literal("system"), z.literal("")]).optional(),
  action: optionalText,
  entityType: optionalText,
  entityId: optionalText,
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});
export type TAuditFilter = z.infer<typeof ZAuditFilterSchema>;
