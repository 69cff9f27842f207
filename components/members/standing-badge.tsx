import { STANDING_LABELS, type TStanding } from "@/lib/schemas/vocabulary.ts";
import { formatDate } from "@/lib/format/dates.ts";

const TONES: Record<TStanding, { badge: string; dot: string }> = {
  good: { badge: "badge-emerald", dot: "bg-emerald-500" },
  reminded: { badge: "badge-sky", dot: "bg-sky-500" },
  warned: { badge: "badge-amber", dot: "bg-amber-500" },
  banned: { badge: "badge-red", dot: "bg-red-600" },
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
    <span className={`badge gap-1.5 ${tone.badge}`}>
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${tone.dot}`} />
      {standingText(status, noContactUntil)}
    </span>
  );
}
