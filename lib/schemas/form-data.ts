import "./zod-config.ts";
import { z } from "zod";
import { NOT_A_FORM_MESSAGE } from "./form-result.ts";

type Tree = { [key: string]: Tree | Tree[] | string | string[] };

const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);
// No form of the app nests deeper than `reporter.member.handle` or names a field longer than this;
// a hand-made name beyond either is not one of its fields (and would only cost recursion).
const MAX_DEPTH = 6;
const MAX_NAME = 120;

/**
 * A submitted form as the object its input schema reads. A field's name is its path in that
 * object: `subject.handle` → { subject: { handle } }, `involved.0.space` → { involved: [{ space }] },
 * a name sent more than once (a checkbox group) or ending in `[]` → an array of its values.
 * React's own `$ACTION_…` fields and files are left out.
 */
export function formDataObject(form: FormData): Record<string, unknown> {
  const root: Tree = {};
  for (const [rawName, value] of form.entries()) {
    if (typeof value !== "string" || rawName.startsWith("$") || rawName.length > MAX_NAME) continue;
    const many = rawName.endsWith("[]");
    const name = many ? rawName.slice(0, -2) : rawName;
    const path = name.split(".");
    if (path.length > MAX_DEPTH || path.some((p) => p === "" || UNSAFE_KEYS.has(p))) continue;
    let node: Tree = root;
    for (const [i, segment] of path.entries()) {
      const last = i === path.length - 1;
      if (last) {
        const existing = node[segment];
        if (many || form.getAll(rawName).length > 1) node[segment] = [...(Array.isArray(existing) ? (existing as string[]) : []), value];
        else node[segment] = value;
      } else {
        const next = node[segment];
        if (!next || typeof next !== "object" || Array.isArray(next)) node[segment] = {};
        node = node[segment] as Tree;
      }
    }
  }
  return arrays(root) as Record<string, unknown>;
}

/** Objects whose keys are all 0, 1, 2 … become arrays (in index order, gaps closed). */
function arrays(node: unknown): unknown {
  if (!node || typeof node !== "object") return node;
  if (Array.isArray(node)) return node.map(arrays);
  const entries = Object.entries(node as Tree);
  const numeric = entries.length > 0 && entries.every(([k]) => /^\d{1,4}$/.test(k));
  if (numeric) return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => arrays(v));
  return Object.fromEntries(entries.map(([k, v]) => [k, arrays(v)]));
}

/**
 * A form action's input schema: the request must be a form (a hand-made call with a string or
 * nothing gets "The form could not be read"), read as an object by its field names, then
 * shaped by `schema` into the domain function's input. The domain function validates that input
 * with its own schema; its per-field errors carry the same paths, so they land on the same fields.
 */
export function formInput<S extends z.ZodType = z.ZodRecord<z.ZodString, z.ZodUnknown>>(schema?: S) {
  const shape = (schema ?? z.record(z.string(), z.unknown())) as S;
  return z
    .custom<FormData>((v) => v instanceof FormData, { message: NOT_A_FORM_MESSAGE })
    .transform(formDataObject)
    .pipe(shape as unknown as z.ZodType<z.output<S>, Record<string, unknown>>);
}

/** Form conventions, for shaping schemas: an empty or blank field is absent. */
export const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().optional());
/** A text field, "" when it was not sent. */
export const text = z.preprocess((v) => (v === undefined ? "" : v), z.unknown());
/** A checkbox: sent ("on") or not. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
/** A field whose every value is wanted as an array (a checkbox group that may send one value or none). */
export const many = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.unknown()));
/** A textarea of one item per line. */
export const lines = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
      : v === undefined
        ? []
        : v,
  z.array(z.unknown()),
);

/**
 * Rows of people picked by handle (`involved.0.space`, `involved.0.handle`, …): the rows whose
 * handle is blank are left out (an empty row is not a person).
 */
export const handleRows = z.preprocess(
  (v) =>
    (Array.isArray(v) ? v : [])
      .filter((row): row is Record<string, unknown> => !!row && typeof row === "object")
      .filter((row) => typeof row.handle === "string" && row.handle.trim() !== "")
      .map((row) => ({ space: row.space, handle: row.handle })),
  z.array(z.object({ space: z.unknown(), handle: z.unknown() })),
);

/** Fields named `prefix.x`, `prefix.y` as one object (empty when none of them was sent). */
export function group<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess((v) => (v && typeof v === "object" && !Array.isArray(v) ? v : {}), z.object(shape));
}
