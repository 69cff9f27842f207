import { formatDate, isoDate } from "@/lib/format/dates.ts";
import { quoteHandle } from "@/lib/schemas/member.ts";
import { SPACE_LABELS, type TSpace } from "@/lib/schemas/vocabulary.ts";

type Retired = { space: TSpace; handle: string; retiredAt: Date };

/**
 * A member's identities as "Space: handle", one a line; then, muted, the handles they no longer
 * use ("GitHub: was @alice until 2 Nov 2026"), which still lead to them.
 */
export function IdentityList({
  identities,
  retired = [],
  compact = false,
}: {
  identities: { space: TSpace; handle: string }[];
  retired?: Retired[];
  compact?: boolean;
}) {
  return (
    <div>
      {identities.length === 0 ? (
        <p className="text-sm text-slate-600">{retired.length > 0 ? "No current identities" : "No identities"}</p>
      ) : (
        <ul className={compact ? "space-y-0.5" : "space-y-1.5"}>
          {identities.map((i) => (
            <li key={`${i.space}:${i.handle}`} className={compact ? "text-xs text-slate-700" : "text-sm"}>
              <span className="text-slate-600">{SPACE_LABELS[i.space]}:</span>{" "}
              <span className={`[overflow-wrap:anywhere] ${compact ? "" : "font-medium text-slate-900"}`}>{i.handle}</span>
            </li>
          ))}
        </ul>
      )}
      {retired.length > 0 && <RetiredIdentities retired={retired} compact={compact} />}
    </div>
  );
}

/** Handles a member no longer uses, muted: "GitHub: was @alice until 2 Nov 2026". */
export function RetiredIdentities({ retired, compact = false }: { retired: Retired[]; compact?: boolean }) {
  return (
    <div className={compact ? "mt-1" : "mt-3 border-t border-slate-100 pt-2"}>
      {!compact && <p className="text-xs font-medium text-slate-600">Former handles (they still lead here)</p>}
      <ul className={compact ? "space-y-0.5" : "mt-1 space-y-1"} aria-label={compact ? "Former handles" : undefined}>
        {retired.map((i) => (
          <li key={`${i.space}:${i.handle}`} className="text-xs text-slate-600">
            {SPACE_LABELS[i.space]}: was <span className="[overflow-wrap:anywhere]">{quoteHandle(i.space, i.handle)}</span> until{" "}
            <time dateTime={isoDate(i.retiredAt)}>{formatDate(i.retiredAt)}</time>
          </li>
        ))}
      </ul>
    </div>
  );
}
