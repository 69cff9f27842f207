import { csvRow } from "@/lib/format/csv.ts";
import type { TTransparencyPeriod } from "@/lib/schemas/export.ts";
import {
  LEVEL_LABELS,
  SPACE_LABELS,
  SPACES,
  STANDARD_LABELS,
  STANDARDS,
  type TLevel,
  type TSpace,
  type TStandard,
} from "@/lib/schemas/vocabulary.ts";
import { markdownTable } from "./formats.ts";
import { median, suppressCount, type Suppressed } from "./suppression.ts";

/*
 * The transparency report: per month, quarter or year, the cases received (by standard and
 * by space), the outcomes and the median days from report to decision. Counted by when
 * things happened: a case in the period it was logged, a decision in the period it was
 * taken, a dismissal when it was recorded, a reversal when it was recorded (so a decision
 * reversed later still counts where it was taken, and its reversal where that happened).
 * Small counts are suppressed; the median is withheld when fewer decisions than the
 * threshold stand behind it, since a median of one or two decisions describes those cases.
 */

export type Period = { key: string; label: string; start: Date; end: Date };

const MONTHS = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

export function reportPeriods(period: TTransparencyPeriod, year: number): Period[] {
  const utc = (y: number, m: number) => new Date(Date.UTC(y, m, 1));
  if (period === "month") {
    return Array.from({ length: 12 }, (_, m) => ({
      key: `${year}-${String(m + 1).padStart(2, "0")}`,
      label: MONTHS.format(utc(year, m)),
      start: utc(year, m),
      end: utc(year, m + 1),
    }));
  }
  if (period === "quarter") {
    return Array.from({ length: 4 }, (_, q) => ({
      key: `${year}-Q${q + 1}`,
      label: `Q${q + 1} ${year}`,
      start: utc(year, q * 3),
      end: utc(year, q * 3 + 3),
    }));
  }
  return [year - 2, year - 1, year].map((y) => ({ key: String(y), label: String(y), start: utc(y, 0), end: utc(y + 1, 0) }));
}

export const OUTCOMES = ["dismissed", "none", "reminder", "warning", "permanent_ban", "reversed"] as const;
export type TOutcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<TOutcome, string> = {
  dismissed: "Dismissed",
  none: "No action",
  reminder: LEVEL_LABELS.reminder,
  warning: LEVEL_LABELS.warning,
  permanent_ban: LEVEL_LABELS.permanent_ban,
  reversed: "Reversed",
};

type Raw = {
  cases: number;
  outcomes: Record<TOutcome, number>;
  standards: Record<TStandard, number>;
  spaces: Record<TSpace, number>;
  daysToDecision: number[];
};

export type ReportFacts = {
  cases: { createdAt: Date; space: TSpace; standards: string[] }[];
  decisions: { decidedAt: Date; level: TLevel | null; caseCreatedAt: Date }[];
  dismissals: { at: Date }[];
  reversals: { at: Date }[];
};

export type PeriodFigures = {
  period: Period;
  cases: Suppressed;
  outcomes: Record<TOutcome, Suppressed>;
  standards: Record<TStandard, Suppressed>;
  spaces: Record<TSpace, Suppressed>;
  /** Null when there were no decisions, or fewer than the threshold (withheld). */
  medianDaysToDecision: number | null;
  /** How many decisions the median rests on, suppressed like any count. */
  decisions: Suppressed;
};

export type TransparencyReport = {
  period: TTransparencyPeriod;
  year: number;
  threshold: number;
  from: Date;
  to: Date;
  rows: PeriodFigures[];
  total: Omit<PeriodFigures, "period">;
};

const DAY = 24 * 60 * 60 * 1000;
const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const emptyRaw = (): Raw => ({
  cases: 0,
  outcomes: zeros(OUTCOMES),
  standards: zeros(STANDARDS),
  spaces: zeros(SPACES),
  daysToDecision: [],
});

function suppressAll<K extends string>(counts: Record<K, number>, threshold: number): Record<K, Suppressed> {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, suppressCount(v as number, threshold)])) as Record<K, Suppressed>;
}

function figures(raw: Raw, threshold: number): Omit<PeriodFigures, "period"> {
  const n = raw.daysToDecision.length;
  const m = n >= threshold ? median(raw.daysToDecision) : null;
  return {
    cases: suppressCount(raw.cases, threshold),
    outcomes: suppressAll(raw.outcomes, threshold),
    standards: suppressAll(raw.standards, threshold),
    spaces: suppressAll(raw.spaces, threshold),
    medianDaysToDecision: m === null ? null : Math.round(m * 10) / 10,
    decisions: suppressCount(n, threshold),
  };
}

/** Counts the facts into the report's periods, then suppresses the small counts. */
export function buildTransparencyReport(
  facts: ReportFacts,
  options: { period: TTransparencyPeriod; year: number; threshold: number },
): TransparencyReport {
  const periods = reportPeriods(options.period, options.year);
  const raws = periods.map(emptyRaw);
  const total = emptyRaw();
  const find = (at: Date) => periods.findIndex((p) => p.start <= at && at < p.end);
  const into = (at: Date, add: (raw: Raw) => void) => {
    const i = find(at);
    if (i < 0) return;
    add(raws[i]!);
    add(total);
  };
  for (const c of facts.cases) {
    into(c.createdAt, (r) => {
      r.cases += 1;
      r.spaces[c.space] += 1;
      for (const s of new Set(c.standards)) if (s in r.standards) r.standards[s as TStandard] += 1;
    });
  }
  for (const d of facts.decisions) {
    into(d.decidedAt, (r) => {
      r.outcomes[d.level ?? "none"] += 1;
      r.daysToDecision.push(Math.max(0, (d.decidedAt.getTime() - d.caseCreatedAt.getTime()) / DAY));
    });
  }
  for (const d of facts.dismissals) into(d.at, (r) => (r.outcomes.dismissed += 1));
  for (const d of facts.reversals) into(d.at, (r) => (r.outcomes.reversed += 1));
  return {
    period: options.period,
    year: options.year,
    threshold: options.threshold,
    from: periods[0]!.start,
    to: periods[periods.length - 1]!.end,
    rows: periods.map((period, i) => ({ period, ...figures(raws[i]!, options.threshold) })),
    total: figures(total, options.threshold),
  };
}

/** The report's columns, shared by the page's table, the CSV and the Markdown. */
export function reportColumns(): { header: string; value: (f: Omit<PeriodFigures, "period">) => Suppressed | string }[] {
  return [
    { header: "Cases received", value: (f) => f.cases },
    ...OUTCOMES.map((o) => ({ header: OUTCOME_LABELS[o], value: (f: Omit<PeriodFigures, "period">) => f.outcomes[o] })),
    {
      header: "Median days to decision",
      value: (f) => (f.medianDaysToDecision === null ? "" : String(f.medianDaysToDecision)),
    },
    ...STANDARDS.map((s) => ({ header: `Standard: ${s}`, value: (f: Omit<PeriodFigures, "period">) => f.standards[s] })),
    ...SPACES.map((s) => ({ header: `Space: ${s}`, value: (f: Omit<PeriodFigures, "period">) => f.spaces[s] })),
  ];
}

export function transparencyCsv(report: TransparencyReport): string {
  const cols = reportColumns();
  let out = `\uFEFF${csvRow(["Period", ...cols.map((c) => c.header)])}`;
  for (const row of report.rows) out += csvRow([row.period.key, ...cols.map((c) => String(c.value(row)))]);
  out += csvRow(["Total", ...cols.map((c) => String(c.value(report.total)))]);
  return out;
}

const cell = (v: Suppressed | string) => String(v);
// Figures and the vocabulary's own labels: no user text, so "<3" is written as is (GFM shows it as text).
const plainRow = (cells: string[]) => `| ${cells.join(" | ")} |\n`;

export function transparencyMarkdown(report: TransparencyReport, generatedAt: Date): string {
  const periods = report.rows.map((r) => r.period.label);
  const head = ["", ...periods, "Total"];
  const line = (label: string, pick: (f: Omit<PeriodFigures, "period">) => Suppressed | string) =>
    plainRow([label, ...report.rows.map((r) => cell(pick(r))), cell(pick(report.total))]);
  const first = report.rows[0]!.period.label;
  const last = report.rows[report.rows.length - 1]!.period.label;
  let out = `# Transparency report, ${first === last ? first : `${first} – ${last}`}\n\n`;
  out += `Generated ${generatedAt.toISOString().slice(0, 10)}. Counts from 1 to ${report.threshold - 1} are shown as "<${report.threshold}" so that no person can be singled out; `;
  out += `the median is shown only when at least ${report.threshold} decisions stand behind it. `;
  out += "Decisions count in the period they were taken; a later reversal counts in the period it was recorded.\n\n";
  out += "## Cases and outcomes\n\n";
  out += markdownTable.header(head);
  out += line("Cases received", (f) => f.cases);
  for (const o of OUTCOMES) out += line(OUTCOME_LABELS[o], (f) => f.outcomes[o]);
  out += line("Median days from report to decision", (f) => (f.medianDaysToDecision === null ? "—" : String(f.medianDaysToDecision)));
  out += "\n## Cases by standard\n\n";
  out += markdownTable.header(head);
  for (const s of STANDARDS) out += line(STANDARD_LABELS[s], (f) => f.standards[s]);
  out += "\n## Cases by space\n\n";
  out += markdownTable.header(head);
  for (const s of SPACES) out += line(SPACE_LABELS[s], (f) => f.spaces[s]);
  return out;
}
