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
import { markdownInline } from "./markdown.ts";
import { isSmall, median, sumOf, suppressCells, WITHHELD, type CellRelation, type Suppressed } from "./suppression.ts";
import { DAY } from "@/lib/policy/durations.ts";

/*
 * The transparency report: per month, quarter or year, the cases received (by standard and
 * by space), the outcomes and the median days from report to decision. Counted by when
 * things happened: a case in the period it was logged, a decision in the period it was
 * taken, a dismissal when it was recorded, a reversal when it was recorded (so a decision
 * reversed later still counts where it was taken, and its reversal where that happened).
 * Small counts are withheld, with the counts that would give them away (statistical disclosure
 * control, below and in suppression.ts); the median is withheld when fewer decisions than the
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

export type ReportFacts = {
  cases: { createdAt: Date; space: TSpace; standards: string[] }[];
  decisions: { decidedAt: Date; level: TLevel | null; caseCreatedAt: Date }[];
  dismissals: { at: Date }[];
  reversals: { at: Date }[];
};

export type Figures = {
  cases: Suppressed;
  outcomes: Record<TOutcome, Suppressed>;
  standards: Record<TStandard, Suppressed>;
  spaces: Record<TSpace, Suppressed>;
  /** Null when there were no decisions, or fewer than the threshold (withheld). */
  medianDaysToDecision: number | null;
};

export type PeriodFigures = Figures & { period: Period };

export type TransparencyReport = {
  period: TTransparencyPeriod;
  year: number;
  threshold: number;
  from: Date;
  to: Date;
  rows: PeriodFigures[];
  total: Figures;
};

/*
 * The counts of one calendar year form one table for disclosure control (suppression.ts):
 * 28 figures (cases received, six outcomes, thirteen standards, eight spaces) by 17 columns
 * (twelve months, four quarters, the year). The monthly and the quarterly report of a year
 * show two views of that one table, with one set of withheld cells, so a reader holding both
 * can subtract months from quarters and still learn nothing; the yearly report shows its year
 * columns. What every reader knows about the table:
 * - in every figure, a quarter is the sum of its months and the year the sum of its quarters;
 * - in every column, the cases received are the sum of the cases per space (each case has one);
 * - a case counts once under each standard it names, and names at least one: each standard's
 *   count is at most the cases received, and together they are at least as many;
 * - the median days to decision is shown when at least threshold decisions (No action,
 *   Reminder, Warning, Permanent ban) stand behind it: so they are at least that many, or fewer.
 * Dismissals and reversals count when they were recorded, for cases from any period: they are
 * bound by nothing else in the table.
 */
const FIGURE_ROWS = [
  "cases",
  ...OUTCOMES.map((o) => `outcome:${o}`),
  ...STANDARDS.map((s) => `standard:${s}`),
  ...SPACES.map((s) => `space:${s}`),
];
const ROW = Object.fromEntries(FIGURE_ROWS.map((key, i) => [key, i])) as Record<string, number>;
const DECISION_ROWS = (["none", "reminder", "warning", "permanent_ban"] as const).map((o) => ROW[`outcome:${o}`]!);
const COLUMNS = 17;
const YEAR_COLUMN = 16;
const quarterColumn = (q: number) => 12 + q;
const cellOf = (row: number, column: number) => row * COLUMNS + column;

type YearTable = {
  values: number[];
  hidden: boolean[];
  /** Days from report to decision, per column. */
  days: number[][];
  medianShown: boolean[];
};
const inYear = (at: Date, year: number) => at.getUTCFullYear() === year;

/** One year's table, counted from the facts and protected for this threshold. */
function yearTable(facts: ReportFacts, year: number, threshold: number): YearTable {
  const values = new Array<number>(FIGURE_ROWS.length * COLUMNS).fill(0);
  const days: number[][] = Array.from({ length: COLUMNS }, () => []);
  const add = (at: Date, row: number, dayCount?: number) => {
    if (!inYear(at, year)) return;
    const month = at.getUTCMonth();
    for (const column of [month, quarterColumn(Math.floor(month / 3)), YEAR_COLUMN]) {
      values[cellOf(row, column)]! += 1;
      if (dayCount !== undefined) days[column]!.push(dayCount);
    }
  };
  for (const c of facts.cases) {
    add(c.createdAt, ROW.cases!);
    add(c.createdAt, ROW[`space:${c.space}`]!);
    for (const s of new Set(c.standards)) if (`standard:${s}` in ROW) add(c.createdAt, ROW[`standard:${s}`]!);
  }
  for (const d of facts.decisions) {
    add(d.decidedAt, ROW[`outcome:${d.level ?? "none"}`]!, Math.max(0, (d.decidedAt.getTime() - d.caseCreatedAt.getTime()) / DAY));
  }
  for (const d of facts.dismissals) add(d.at, ROW["outcome:dismissed"]!);
  for (const d of facts.reversals) add(d.at, ROW["outcome:reversed"]!);

  const medianShown = days.map((list) => list.length >= threshold && list.length > 0);
  const relations: CellRelation[] = [];
  const columns = Array.from({ length: COLUMNS }, (_, c) => c);
  for (let row = 0; row < FIGURE_ROWS.length; row++) {
    for (let q = 0; q < 4; q++)
      relations.push(
        sumOf(
          cellOf(row, quarterColumn(q)),
          [0, 1, 2].map((m) => cellOf(row, q * 3 + m)),
        ),
      );
    relations.push(
      sumOf(
        cellOf(row, YEAR_COLUMN),
        [0, 1, 2, 3].map((q) => cellOf(row, quarterColumn(q))),
      ),
    );
  }
  for (const column of columns) {
    const cases = cellOf(ROW.cases!, column);
    relations.push(
      sumOf(
        cases,
        SPACES.map((s) => cellOf(ROW[`space:${s}`]!, column)),
      ),
    );
    const standards = STANDARDS.map((s) => cellOf(ROW[`standard:${s}`]!, column));
    for (const s of standards)
      relations.push({
        terms: [
          [s, 1],
          [cases, -1],
        ],
        sense: "<=",
        constant: 0,
      });
    relations.push({ terms: [...standards.map((s) => [s, 1] as const), [cases, -1]], sense: ">=", constant: 0 });
    const decisions = DECISION_ROWS.map((row) => [cellOf(row, column), 1] as const);
    relations.push(
      medianShown[column]
        ? { terms: decisions, sense: ">=", constant: threshold }
        : { terms: decisions, sense: "<=", constant: Math.max(threshold - 1, 0) },
    );
  }
  // Among counts of one size, withhold a month's before a quarter's, a quarter's before the year's, and a breakdown's before the cases received.
  const rank = values.map((_, i) => {
    const column = i % COLUMNS;
    return (column < 12 ? 0 : column < YEAR_COLUMN ? 1 : 2) + (Math.floor(i / COLUMNS) === ROW.cases ? 3 : 0);
  });
  const hidden = suppressCells({ values, relations, rank }, threshold);
  return { values, hidden, days, medianShown };
}

function figuresOf(value: (row: number) => Suppressed, daysToDecision: number[] | null): Figures {
  const m = daysToDecision === null ? null : median(daysToDecision);
  return {
    cases: value(ROW.cases!),
    outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, value(ROW[`outcome:${o}`]!)])) as Record<TOutcome, Suppressed>,
    standards: Object.fromEntries(STANDARDS.map((s) => [s, value(ROW[`standard:${s}`]!)])) as Record<TStandard, Suppressed>,
    spaces: Object.fromEntries(SPACES.map((s) => [s, value(ROW[`space:${s}`]!)])) as Record<TSpace, Suppressed>,
    medianDaysToDecision: m === null ? null : Math.round(m * 10) / 10,
  };
}

function columnFigures(table: YearTable, column: number): Figures {
  const cell = (row: number) => cellOf(row, column);
  return figuresOf(
    (row) => (table.hidden[cell(row)] ? WITHHELD : table.values[cell(row)]!),
    table.medianShown[column] ? table.days[column]! : null,
  );
}

/**
 * The total of a yearly report's three years: a figure is withheld when any of its years is,
 * and the median shown only when each year's is, or that year's decisions are all published
 * (then this column tells nothing the three years do not: a published total is a sum of
 * published counts, and whether its median is shown follows from theirs).
 */
function threeYearTotal(tables: YearTable[], threshold: number): Figures {
  const cell = (row: number) => cellOf(row, YEAR_COLUMN);
  const days = tables.flatMap((t) => t.days[YEAR_COLUMN]!);
  const medianFollows = tables.every((t) => t.medianShown[YEAR_COLUMN] || DECISION_ROWS.every((row) => !t.hidden[cell(row)]));
  return figuresOf(
    (row) => {
      const total = tables.reduce((sum, t) => sum + t.values[cell(row)]!, 0);
      return tables.some((t) => t.hidden[cell(row)]) || isSmall(total, threshold) ? WITHHELD : total;
    },
    medianFollows && days.length >= threshold && days.length > 0 ? days : null,
  );
}

/** Counts the facts into the report's periods, then withholds small counts and the counts that would reveal them. */
export function buildTransparencyReport(
  facts: ReportFacts,
  options: { period: TTransparencyPeriod; year: number; threshold: number },
): TransparencyReport {
  const { period, year, threshold } = options;
  const periods = reportPeriods(period, year);
  let rows: Figures[];
  let total: Figures;
  if (period === "year") {
    const tables = periods.map((p) => yearTable(facts, p.start.getUTCFullYear(), threshold));
    rows = tables.map((t) => columnFigures(t, YEAR_COLUMN));
    total = threeYearTotal(tables, threshold);
  } else {
    const table = yearTable(facts, year, threshold);
    const columns = period === "month" ? Array.from({ length: 12 }, (_, m) => m) : [0, 1, 2, 3].map(quarterColumn);
    rows = columns.map((c) => columnFigures(table, c));
    total = columnFigures(table, YEAR_COLUMN);
  }
  return {
    period,
    year,
    threshold,
    from: periods[0]!.start,
    to: periods[periods.length - 1]!.end,
    rows: periods.map((p, i) => ({ period: p, ...rows[i]! })),
    total,
  };
}

/** The method in one plain sentence, for the page and the Markdown. */
export function suppressionNote(threshold: number): string {
  if (threshold <= 1) return "No count is withheld at threshold 1: every figure is shown as counted.";
  return (
    `Counts from 1 to ${threshold - 1} are withheld (shown as “${WITHHELD}”) so that no person can be singled out, and so are enough ` +
    "other counts, the smallest, that no withheld count can be worked out from the totals, the other breakdowns or the report for other periods; " +
    `the median is shown only when at least ${threshold} decisions stand behind it.`
  );
}

/** The report's columns, shared by the page's table, the CSV and the Markdown. */
export function reportColumns(): { header: string; value: (f: Figures) => Suppressed | string }[] {
  return [
    { header: "Cases received", value: (f) => f.cases },
    ...OUTCOMES.map((o) => ({ header: OUTCOME_LABELS[o], value: (f: Figures) => f.outcomes[o] })),
    {
      header: "Median days to decision",
      value: (f) => (f.medianDaysToDecision === null ? "" : String(f.medianDaysToDecision)),
    },
    ...STANDARDS.map((s) => ({ header: `Standard: ${s}`, value: (f: Figures) => f.standards[s] })),
    ...SPACES.map((s) => ({ header: `Space: ${s}`, value: (f: Figures) => f.spaces[s] })),
  ];
}

export function transparencyCsv(report: TransparencyReport): string {
  const cols = reportColumns();
  let out = `\uFEFF${csvRow(["Period", ...cols.map((c) => c.header)])}`;
  for (const row of report.rows) out += csvRow([row.period.key, ...cols.map((c) => String(c.value(row)))]);
  out += csvRow(["Total", ...cols.map((c) => String(c.value(report.total)))]);
  return out;
}

export function transparencyMarkdown(report: TransparencyReport, generatedAt: Date): string {
  const periods = report.rows.map((r) => r.period.label);
  const head = ["", ...periods, "Total"];
  const line = (label: string, pick: (f: Figures) => Suppressed | string) =>
    markdownTable.row([label, ...report.rows.map((r) => String(pick(r))), String(pick(report.total))]);
  const first = report.rows[0]!.period.label;
  const last = report.rows[report.rows.length - 1]!.period.label;
  let out = `# Transparency report, ${first === last ? first : `${first} – ${last}`}\n\n`;
  out += `Generated ${generatedAt.toISOString().slice(0, 10)}. ${markdownInline(suppressionNote(report.threshold))} `;
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
