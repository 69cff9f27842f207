import { MAX_IDENTITIES } from "@/lib/schemas/member.ts";

type IdentityInput = { space: unknown; handle: unknown; distinct?: boolean };

/**
 * The member form's fields as the domain functions take them: `identities.N.space` and
 * `identities.N.handle` become an array in row order (validation happens on the server);
 * a ticked `identities.N.distinct` ("This is a different person") confirms a look-alike handle.
 */
export function memberInputFromForm(form: FormData): { displayName: unknown; identities: IdentityInput[] } {
  const identities: IdentityInput[] = [];
  for (const [key, value] of form.entries()) {
    const match = /^identities\.(\d+)\.(space|handle|distinct)$/.exec(key);
    // Rows beyond the limit are kept (so the limit is reported), within reason.
    if (!match || Number(match[1]) > MAX_IDENTITIES * 5) continue;
    const row = (identities[Number(match[1])] ??= { space: undefined, handle: undefined });
    if (match[2] === "distinct") row.distinct = value === "on";
    else row[match[2] as "space" | "handle"] = value;
  }
  return { displayName: form.get("displayName"), identities: identities.filter(Boolean) };
}
