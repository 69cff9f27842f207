import type { TCaseListQuery } from "@/lib/schemas/case.ts";

const DEFAULTS: Partial<Record<keyof TCaseListQuery, string>> = { dates: "logged", sort: "logged", dir: "desc", page: "1" };

/** The /cases address for a list query, leaving out defaults so links stay short. */
export function casesHref(query: Partial<TCaseListQuery>, change: Partial<TCaseListQuery> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...change })) {
    if (value === undefined || value === null || value === "") continue;
    const text = String(value);
    if (DEFAULTS[key as keyof TCaseListQuery] === text) continue;
    params.set(key, text);
  }
  const search = params.toString();
  return search ? `/cases?${search}` : "/cases";
}
