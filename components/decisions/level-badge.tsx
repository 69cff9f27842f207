import { LEVEL_LABELS, type TLevel } from "@/lib/schemas/vocabulary.ts";

const TONES: Record<TLevel, string> = {
  reminder: "badge-sky",
  warning: "badge-amber",
  permanent_ban: "badge-red",
};

/** A decision's ladder level ("No action" when decided without one); a reversed one is struck through and says so. */
export function LevelBadge({ level, reversed = false }: { level: TLevel | null; reversed?: boolean }) {
  const label = level ? LEVEL_LABELS[level] : "No action";
  if (!reversed) return <span className={`badge ${level ? TONES[level] : "badge-slate"}`}>{label}</span>;
  return (
    <span className="badge badge-muted">
      <span className="line-through">{label}</span>
      <span>(reversed)</span>
    </span>
  );
}

/** Marks a case that breaches the no-contact terms of an active Warning. */
export function BreachBadge() {
  return (
    <span className="badge badge-red">
      <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3 fill-current">
        <path d="M8 1l7 13H1L8 1zm-.75 5v4h1.5V6h-1.5zm0 5v1.5h1.5V11h-1.5z" />
      </svg>
      Breach
    </span>
  );
}
