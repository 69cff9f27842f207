import type { TStandard } from "@/lib/schemas/vocabulary.ts";

/** Short names for tables and filters; forms show the guidelines' full wording (STANDARD_LABELS). */
export const STANDARD_SHORT_LABELS: Record<TStandard, string> = {
  "sexualized-language": "Sexualized language",
  "trolling-insults": "Trolling, insults",
  harassment: "Harassment",
  doxxing: "Private information",
  unprofessional: "Unprofessional conduct",
  "slack-wrong-channel": "Slack: wrong channel",
  "slack-not-threaded": "Slack: not threaded",
  "slack-derailing": "Slack: derailing",
  "slack-cross-posting": "Slack: cross-posting",
  "slack-mass-mention": "Slack: mass mention",
  "slack-soliciting": "Slack: soliciting",
  other: "Other",
};

export function standardShortLabel(code: string): string {
  return STANDARD_SHORT_LABELS[code as TStandard] ?? code;
}
