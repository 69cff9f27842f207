import { formatDate } from "@/lib/format/dates.ts";
import { STANDARD_LABELS, type TLevel, type TSpace, type TStandard } from "@/lib/schemas/vocabulary.ts";

/*
 * The private message to the member about a decision, built from the Community Impact
 * Guidelines' own wording for its level:
 * - Reminder: "a private, written reminder … providing clarity around the nature of the
 *   violation and an explanation of why the behavior was inappropriate" (the rationale);
 * - Warning: "a warning with consequences for continued behavior", the no-contact terms
 *   with their exact dates and whom they protect, and "violating these terms will lead to
 *   a permanent ban";
 * - Permanent ban: "a permanent ban from any sort of public interaction within the community".
 *
 * Reporter privacy: the member must keep away from the person who reported them, yet must
 * not learn who that is. A protected person is named only when the member already knows of
 * them from the case (an involved person, or a core team member enforcing the Code of
 * Conduct); a reporter who is not also an involved person is described as "the person who
 * reported this" and never named, and is never singled out as the reporter when they are
 * named as an involved person.
 */

export type NoticeProtected = { kind: "named"; name: string; coreTeam: boolean } | { kind: "reporter" };

export type NoticeInput = {
  caseNumber: string;
  /** The member's display name; null when they have none of their own (the record carries only a handle). */
  memberName: string | null;
  level: TLevel;
  rationale: string;
  standards: string[];
  space: TSpace;
  occurredAt: Date;
  decidedAt: Date;
  noContact: { startsAt: Date; endsAt: Date; protected: NoticeProtected[] } | null;
};

export type Notice = { subject: string; body: string };

const TITLES: Record<TLevel, string> = {
  reminder: "A private reminder about our Code of Conduct",
  warning: "A warning under our Code of Conduct",
  permanent_ban: "A permanent ban under our Code of Conduct",
};

/** Where it happened, as a sentence says it: "on GitHub", "by email", "at an event". */
const SPACE_PHRASES: Record<TSpace, string> = {
  github: "on GitHub",
  slack: "on Slack",
  email: "by email",
  discord: "on Discord",
  forum: "on the forum",
  social: "on social media",
  event: "at an event",
  other: "in a community space",
};

/** The standards the conduct went against, as the guidelines list them, lowercased and joined. */
function standardsText(codes: string[]): string {
  const labels = codes
    .filter((c) => c !== "other" && c in STANDARD_LABELS)
    .map((c) => STANDARD_LABELS[c as TStandard])
    .map((l) => l.charAt(0).toLowerCase() + l.slice(1));
  if (labels.length === 0) return "went against our Code of Conduct.";
  if (labels.length === 1) return `went against this standard of our Code of Conduct: ${labels[0]}.`;
  return `went against these standards of our Code of Conduct: ${labels.slice(0, -1).join("; ")}; and ${labels[labels.length - 1]}.`;
}

function listText(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The protected people as the member may read them: named where known from the case, the reporter never named. */
export function protectedPeopleText(people: NoticeProtected[]): string {
  const named = people.filter((p) => p.kind === "named").map((p) => (p.coreTeam ? `${p.name} (core team)` : p.name));
  const reporter = people.some((p) => p.kind === "reporter") ? ["the person who reported this"] : [];
  return listText([...named.sort((a, b) => a.localeCompare(b)), ...reporter]);
}

export function buildNoticeText(input: NoticeInput): Notice {
  const nature = `On ${formatDate(input.occurredAt)}, your conduct ${SPACE_PHRASES[input.space]} ${standardsText(input.standards)}`;
  const why = input.rationale.trim();
  const name = input.memberName?.trim();
  const paragraphs: string[] = [name ? `Hello ${name},` : "Hello,"];

  if (input.level === "reminder") {
    paragraphs.push(
      `This is a private, written reminder from the core team about case ${input.caseNumber}, decided on ${formatDate(input.decidedAt)}.`,
      nature,
      `Why it was inappropriate: ${why}`,
      "We ask you to keep this in mind in every community space. A further violation may lead to a warning.",
    );
  } else if (input.level === "warning") {
    paragraphs.push(
      `This is a warning from the core team about case ${input.caseNumber}, decided on ${formatDate(input.decidedAt)}.`,
      nature,
      `Why it was inappropriate: ${why}`,
      "This warning comes with consequences for continued behavior: a further violation of the Code of Conduct will lead to a permanent ban.",
    );
    const nc = input.noContact;
    if (nc) {
      const who = protectedPeopleText(nc.protected);
      paragraphs.push(
        `No-contact terms: from ${formatDate(nc.startsAt)} until ${formatDate(nc.endsAt)} (UTC), you must have no interaction with ${
          who || "the people involved"
        }, including unsolicited interaction with those enforcing the Code of Conduct. This includes avoiding interactions in community spaces and external channels like social media.`,
        "Violating these terms will lead to a permanent ban.",
      );
    }
  } else {
    paragraphs.push(
      `The core team has decided on a permanent ban in case ${input.caseNumber}, decided on ${formatDate(input.decidedAt)}.`,
      nature,
      `Why the core team decided this: ${why}`,
      "Scope of the ban: a permanent ban from any sort of public interaction within the community, in every community space, from this decision on.",
    );
  }
  paragraphs.push("If you have questions about this decision, or wish to appeal it, reply to this message.", "The core team");
  return { subject: `${TITLES[input.level]} (case ${input.caseNumber})`, body: paragraphs.join("\n\n") };
}

/** The notice as one text: the subject line, then the body. */
export function noticeText(notice: Notice): string {
  return `Subject: ${notice.subject}\n\n${notice.body}\n`;
}
