import "server-only";
import { z } from "zod";

/*
 * List pages read their filters from the address. A parameter that is not understood (a typo,
 * an old link, a hand-edited URL, hostile input) never breaks the page: it is ignored, the list
 * shows without it, and the page says which parameter was ignored and why.
 */

export type IgnoredParam = { param: string; value: string; message: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A query-string value the database could not take as text: control characters (NUL, …) or lone surrogates. */
export function unusableText(value: string): boolean {
  return new RegExp(CONTROL.source).test(value) || new RegExp(LONE_SURROGATE.source).test(value);
}

/** One value per parameter: a repeated one counts once. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out[key] = first;
  }
  return out;
}

/** The value as a message may quote it: short, control characters shown as "�". */
export function quoted(value: string): string {
  const shown = value.replace(CONTROL, "�").replace(LONE_SURROGATE, "�");
  return `“${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}”`;
}

export function ignoredParam(param: string, value: string, expected: string): IgnoredParam {
  return {
    param,
    value,
    message: unusableText(value)
      ? `${param} ${quoted(value)} holds characters that cannot be searched`
      : `${param} ${quoted(value)} is not ${expected}`,
  };
}

/** The sentence a list page shows above its results. */
export function ignoredMessage(ignored: IgnoredParam[]): string {
  return `Part of the address was not understood and was ignored: ${ignored.map((i) => i.message).join("; ")}.`;
}

/**
 * Parses a list query whose fields each fall back to a default (`.catch`), and tells which
 * parameters fell back. `expected` describes each field ("a case status", "a date like
 * 2026-01-31"). Unknown parameters are left alone (links may carry others).
 */
export function parseListQuery<S extends z.ZodObject>(
  schema: S,
  raw: Record<string, string>,
  expected: Partial<Record<keyof S["shape"] & string, string>>,
): { query: z.infer<S>; ignored: IgnoredParam[] } {
  const ignored: IgnoredParam[] = [];
  const input: Record<string, string> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const value = raw[key];
    if (value === undefined) continue;
    if (unusableText(value)) {
      ignored.push(ignoredParam(key, value, ""));
      continue;
    }
    const strict = field instanceof z.ZodCatch ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    if (value.trim() !== "" && !strict.safeParse(value).success) {
      ignored.push(ignoredParam(key, value, expected[key as keyof typeof expected] ?? "understood"));
      continue;
    }
    input[key] = value;
  }
  const parsed = schema.safeParse(input);
  return { query: (parsed.success ? parsed.data : schema.parse({})) as z.infer<S>, ignored };
}
