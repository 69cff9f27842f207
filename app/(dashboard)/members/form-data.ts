import { MAX_IDENTITIES } from "@/lib/schemas/member.ts";

/**
 * The member form's fields as the domain functions take them: `identities.N.space` and
 * `identities.N.handle` become an array in row order (validation happens on the server).
 */
export function memberInputFromForm(form: FormData): { displayName: unknown; identities: { space: unknown; handle: unknown }[] } {
  const identities: { space: unknown; handle: unknown }[] = [];
  for (const [key, value] of form.entries()) {
    const match = /^identities\.(\d+)\.(space|handle)$/.exec(key);
    // Rows beyond the limit are kept (so the limit is reported), within reason.
    if (!match || Number(match[1]) > MAX_IDENTITIES * 5) continue;
    const row = (identities[Number(match[1])] ??= { space: undefined, handle: undefined });
    row[match[2] as "space" | "handle"] = value;
  }
  return { displayName: form.get("displayName"), identities: identities.filter(Boolean) };
}
