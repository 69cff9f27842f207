import { STANDING_LABELS, type TStanding } from "@/lib/schemas/vocabulary.ts";
import { formatDate } from "@/lib/format/dates.ts";

const TONES: Record<TStanding, { badge: string; dot: string }> = {
  good: { badge: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-500" },
  reminded: { badge: "bg-sky-50 text-sky-800 ring-sky-200", dot: "bg-sky-500" },
  warned: { badge: "bg-amber-50 text-amber-900 ring-amber-300", dot: "bg-amber-500" },
  banned: { badge: "bg-red-50 text-red-800 ring-red-200", dot: "bg-red-600" },
};

/** "Good standing", "Reminded", "Warned — no contact until 20 Feb 2027", "Permanently banned". */
export function standingText(status: TStanding, noContactUntil?: Date | string | null): string {
  if (status === "warned" && noContactUntil) return `${STANDING_LABELS.warned} — no contact until ${formatDate(noContactUntil)}`;
  return STANDING_LABELS[status];
}

/** A member's standing on the ladder, as a badge. */
export function StandingBadge({ status, noContactUntil }: { status: TStanding; noContactUntil?: Date | string }) {
  const tone = TONES[status];
  return (
    <span
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone.badge}`}
    >
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${tone.dot}`} />
      {standingText(status, noContactUntil)}
    </span>
  );
}
