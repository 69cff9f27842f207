import { SPACE_LABELS, type TSpace } from "@/lib/schemas/vocabulary.ts";

/** A member's identities as "Space: handle", one a line. */
export function IdentityList({ identities, compact = false }: { identities: { space: TSpace; handle: string }[]; compact?: boolean }) {
  if (identities.length === 0) return <p className="text-sm text-slate-600">No identities</p>;
  return (
    <ul className={compact ? "space-y-0.5" : "space-y-1.5"}>
      {identities.map((i) => (
        <li key={`${i.space}:${i.handle}`} className={compact ? "text-xs text-slate-700" : "text-sm"}>
          <span className="text-slate-600">{SPACE_LABELS[i.space]}:</span>{" "}
          <span className={`[overflow-wrap:anywhere] ${compact ? "" : "font-medium text-slate-900"}`}>{i.handle}</span>
        </li>
      ))}
    </ul>
  );
}
