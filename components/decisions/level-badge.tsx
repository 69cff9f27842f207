import { LEVEL_LABELS, type TLevel } from "@/lib/schemas/vocabulary.ts";

const TONES: Record<TLevel, string> = {
  reminder: "bg-sky-50 text-sky-800 ring-sky-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-300",
  permanent_ban: "bg-red-50 text-red-800 ring-red-200",
};

/** A decision's ladder level ("No action" when decided without one); a reversed one is struck through and says so. */
export function LevelBadge({ level, reversed = false }: { level: TLevel | null; reversed?: boolean }) {
  const tone = level ? TONES[level] : "bg-slate-100 text-slate-700 ring-slate-200";
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${reversed ? "bg-slate-50 text-slate-600 ring-slate-200" : tone}`}
    >
      <span className={reversed ? "line-through" : ""}>{level ? LEVEL_LABELS[level] : "No action"}</span>
      {reversed && <span className="ml-1">(reversed)</span>}
    </span>
  );
}

/** Marks a case that breaches the no-contact terms of an active Warning. */
export function BreachBadge() {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-200">
      <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3 fill-current">
        <path d="M8 1l7 13H1L8 1zm-.75 5v4h1.5V6h-1.5zm0 5v1.5h1.5V11h-1.5z" />
      </svg>
      Breach
    </span>
  );
}
