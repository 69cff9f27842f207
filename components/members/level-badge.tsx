import { LEVEL_LABELS, type TLevel } from "@/lib/schemas/vocabulary.ts";

const TONES: Record<TLevel, string> = {
  reminder: "bg-sky-50 text-sky-800 ring-sky-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-300",
  permanent_ban: "bg-red-50 text-red-800 ring-red-200",
};

/** A decision's ladder level; a reversed one is struck through and says so. */
export function LevelBadge({ level, reversed = false }: { level: TLevel | null; reversed?: boolean }) {
  const tone = level ? TONES[level] : "bg-slate-100 text-slate-700 ring-slate-200";
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${reversed ? "bg-slate-50 text-slate-600 ring-slate-200" : tone}`}
    >
      <span className={reversed ? "line-through" : ""}>{level ? LEVEL_LABELS[level] : "No action"}</span>
      {reversed && <span className="ml-1">(reversed)</span>}
    </span>
  );
}
