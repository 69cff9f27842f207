import loadHighs from "highs";
import type { Figures, ReportFacts, TransparencyReport } from "@/lib/exports/transparency.ts";
import { SPACES, STANDARDS } from "@/lib/schemas/vocabulary.ts";

/*
 * What a reader can work out from published transparency reports, computed independently of
 * the app's own code: the reader's unknowns are the withheld ("x") cells; what they know is
 * every published figure and how the figures relate (written out again here from the report's
 * definition, not taken from lib/exports). Each cell's least and greatest possible value is
 * found by exact integer programming (HiGHS, a maintained solver), and the reader's one-step
 * derivations (a sum with a single unknown) are listed on their own.
 */

export type Highs = Awaited<ReturnType<typeof loadHighs>>;
export const highsSolver = () => loadHighs();

const OUTCOME_KEYS = ["dismissed", "none", "reminder", "warning", "permanent_ban", "reversed"] as const;
const DECIDED = ["none", "reminder", "warning", "permanent_ban"] as const;
/** Every count a column of the report publishes, by a key of its own. */
export const FIGURE_KEYS = [
  "cases",
  ...OUTCOME_KEYS.map((o) => `outcome:${o}`),
  ...STANDARDS.map((s) => `standard:${s}`),
  ...SPACES.map((s) => `space:${s}`),
];

export function figureValue(f: Figures, key: string): number | string {
  const [kind, code] = key.split(":") as [string, string];
  if (kind === "cases") return f.cases;
  if (kind === "outcome") return f.outcomes[code as keyof Figures["outcomes"]];
  if (kind === "standard") return f.standards[code as keyof Figures["standards"]];
  return f.spaces[code as keyof Figures["spaces"]];
}

/** The true counts of a column (a span of time), counted here from the facts. */
export function trueCounts(facts: ReportFacts, from: Date, to: Date): Map<string, number> {
  const counts = new Map(FIGURE_KEYS.map((k) => [k, 0]));
  const add = (at: Date, key: string) => {
    if (from <= at && at < to) counts.set(key, counts.get(key)! + 1);
  };
  for (const c of facts.cases) {
    add(c.createdAt, "cases");
    add(c.createdAt, `space:${c.space}`);
    for (const s of new Set(c.standards)) add(c.createdAt, `standard:${s}`);
  }
  for (const d of facts.decisions) add(d.decidedAt, `outcome:${d.level ?? "none"}`);
  for (const d of facts.dismissals) add(d.at, "outcome:dismissed");
  for (const r of facts.reversals) add(r.at, "outcome:reversed");
  return counts;
}

type Term = [cell: string, coef: number];
type Relation = { terms: Term[]; sense: "=" | "<=" | ">="; constant: number };

/** The cells a reader sees (each named, with its published value or null when withheld) and the relations they know. */
export class ReaderModel {
  readonly cells = new Map<string, { published: number | null; truth: number }>();
  readonly relations: Relation[] = [];

  /**
   * A column of published figures; `id` names the span (the same span in two reports is one column).
   * `medianRule` says whether a withheld median tells the reader there were fewer decisions than the
   * threshold (false for a column whose median may be withheld for another reason).
   */
  addColumn(id: string, figures: Figures, truth: Map<string, number>, threshold: number, medianRule = true) {
    for (const key of FIGURE_KEYS) {
      const shown = figureValue(figures, key);
      const cell = `${id}|${key}`;
      const published = typeof shown === "number" ? shown : null;
      const before = this.cells.get(cell);
      if (before && before.published !== published)
        throw new Error(`Two reports disagree on ${cell}: ${before.published} and ${published}`);
      this.cells.set(cell, { published, truth: truth.get(key)! });
    }
    const c = (key: string): Term => [`${id}|${key}`, 1];
    // Each case has one space; names at least one standard, each at most once.
    this.relations.push({ terms: [...SPACES.map((s) => c(`space:${s}`)), [`${id}|cases`, -1]], sense: "=", constant: 0 });
    for (const s of STANDARDS) this.relations.push({ terms: [c(`standard:${s}`), [`${id}|cases`, -1]], sense: "<=", constant: 0 });
    this.relations.push({ terms: [...STANDARDS.map((s) => c(`standard:${s}`)), [`${id}|cases`, -1]], sense: ">=", constant: 0 });
    // The median is shown when at least threshold decisions stand behind it.
    const decided = DECIDED.map((o) => c(`outcome:${o}`));
    if (figures.medianDaysToDecision === null) {
      if (medianRule) this.relations.push({ terms: decided, sense: "<=", constant: threshold - 1 });
    } else this.relations.push({ terms: decided, sense: ">=", constant: threshold });
  }

  /** A span made of other spans: every figure of it is their sum. */
  addSum(id: string, parts: string[]) {
    for (const key of FIGURE_KEYS) {
      this.relations.push({ terms: [[`${id}|${key}`, -1], ...parts.map((p): Term => [`${p}|${key}`, 1])], sense: "=", constant: 0 });
    }
  }

  /** Relations with the published values filled in: a constraint on the withheld cells only. */
  private reduced(): Relation[] {
    const out: Relation[] = [];
    for (const r of this.relations) {
      let constant = r.constant;
      const terms: Term[] = [];
      for (const [cell, coef] of r.terms) {
        const info = this.cells.get(cell);
        if (!info) throw new Error(`No such cell ${cell}`);
        if (info.published === null) terms.push([cell, coef]);
        else constant -= coef * info.published;
      }
      if (terms.length) out.push({ terms, sense: r.sense, constant });
    }
    return out;
  }

  /** The withheld cells a reader gets exactly from one sum with a single unknown in it. */
  singleUnknowns(): Map<string, number> {
    const found = new Map<string, number>();
    for (const r of this.reduced()) {
      if (r.sense === "=" && r.terms.length === 1) found.set(r.terms[0]![0], r.constant / r.terms[0]![1]);
    }
    return found;
  }

  /**
   * The least possible value of each withheld cell `only` selects, and, when that is above 0, its
   * greatest (Infinity when unbounded; NaN when not sought), by integer programming.
   */
  ranges(highs: Highs, only: (cell: string, truth: number) => boolean): Map<string, { min: number; max: number }> {
    const hidden = [...this.cells].filter(([, v]) => v.published === null).map(([k]) => k);
    const name = new Map(hidden.map((k, i) => [k, `x${i}`]));
    const expr = (terms: Term[]) => terms.map(([cell, coef]) => `${coef >= 0 ? "+" : "-"} ${Math.abs(coef)} ${name.get(cell)}`).join(" ");
    const constraints = this.reduced().map((r, i) => ` c${i}: ${expr(r.terms)} ${r.sense} ${r.constant}`);
    const body = `Subject To\n${constraints.join("\n") || " c0: 0 x0 >= 0"}\nBounds\n${hidden.map((k) => ` ${name.get(k)} >= 0`).join("\n")}\nGeneral\n ${[...name.values()].join(" ")}\nEnd`;
    const solve = (direction: "Minimize" | "Maximize", cell: string) => {
      const result = highs.solve(`${direction}\n obj: ${name.get(cell)}\n${body}`, { output_flag: false });
      // The least value exists (the cells are non-negative and the true counts satisfy everything):
      // a greatest one the solver cannot find is unbounded.
      if (direction === "Maximize" && (result.Status === "Unbounded" || result.Status === "Primal infeasible or unbounded"))
        return Infinity;
      if (result.Status !== "Optimal") throw new Error(`The solver says ${result.Status} for ${cell}`);
      return Math.round(result.Columns[name.get(cell)!]!.Primal);
    };
    const out = new Map<string, { min: number; max: number }>();
    for (const cell of hidden) {
      const truth = this.cells.get(cell)!.truth;
      if (!only(cell, truth)) continue;
      const min = solve("Minimize", cell);
      // A cell that can be 0 is protected whatever its greatest value: that one is not sought.
      out.set(cell, { min, max: min === 0 ? NaN : solve("Maximize", cell) });
    }
    return out;
  }
}

/** The reader's model of one year's monthly and quarterly reports, taken together. */
export function yearModel(model: ReaderModel, facts: ReportFacts, month: TransparencyReport, quarter: TransparencyReport) {
  const threshold = month.threshold;
  const span = (p: { start: Date; end: Date }) => trueCounts(facts, p.start, p.end);
  month.rows.forEach((r) => model.addColumn(r.period.key, r, span(r.period), threshold));
  quarter.rows.forEach((r, q) => {
    model.addColumn(r.period.key, r, span(r.period), threshold);
    model.addSum(
      r.period.key,
      month.rows.slice(q * 3, q * 3 + 3).map((m) => m.period.key),
    );
  });
  const year = String(month.year);
  model.addColumn(year, month.total, trueCounts(facts, month.from, month.to), threshold);
  model.addColumn(year, quarter.total, trueCounts(facts, quarter.from, quarter.to), threshold);
  model.addSum(
    year,
    quarter.rows.map((r) => r.period.key),
  );
}
