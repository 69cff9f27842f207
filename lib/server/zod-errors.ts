import "server-only";
import type { z } from "zod";
import { AppError } from "./errors.ts";

// A NUL or a lone surrogate cannot be stored (PostgreSQL text, UTF-8, JSON): refused by name
// before any schema sees it, whatever the field, so no such text ever reaches the database.
const BROKEN_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const BROKEN_TEXT_MESSAGE = "This text contains a character that cannot be stored (a NUL or a broken Unicode character): remove it";

function brokenTextFields(value: unknown, path: string[] = [], found: Record<string, string> = {}, depth = 0): Record<string, string> {
  if (depth > 20) return found;
  if (typeof value === "string") {
    if (BROKEN_TEXT.test(value)) found[path.join(".") || "_"] ??= BROKEN_TEXT_MESSAGE;
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => brokenTextFields(v, [...path, String(i)], found, depth + 1));
  } else if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) brokenTextFields(v, [...path, k], found, depth + 1);
  }
  return found;
}

/** Parses input with a zod schema; bad input becomes one AppError with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    // A schema that has its own words for broken text (a handle, a reason) has said them above.
    const broken = brokenTextFields(input);
    if (Object.keys(broken).length > 0) throw new AppError("invalid", summarize(broken), broken);
    return result.data;
  }
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  throw new AppError("invalid", summarize(fields), fields);
}

function summarize(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([field, message]) => (field === "_" ? message : `${field}: ${message}`))
    .join("; ");
}
