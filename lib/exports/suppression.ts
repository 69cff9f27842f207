import { Polytope, type LinearConstraint, type Sense } from "./linear-program.ts";

/*
 * Statistical disclosure control for published counts: cell suppression, the standard method
 * (as in τ-ARGUS and the statistical offices' handbooks).
 *
 * Small counts in a published report can single a person out ("1 Permanent ban in Discord in
 * March"). Primary suppression withholds every count from 1 to threshold − 1 (zero stays zero
 * unless it is needed below: knowing that nothing happened identifies nobody). Withholding them
 * alone is not enough: a withheld count that is the only one missing from a published total is
 * that total minus the others, and a reader combining rows, columns, the totals of another
 * breakdown and other periods can often pin it further. So secondary (complementary)
 * suppression withholds enough other counts, the smallest ones first, that no withheld count
 * can be worked out to lie between 1 and threshold − 1.
 *
 * "Worked out" is linear reasoning over everything published: each table relation (a total is
 * the sum of its parts; a count is at most another; …) with the published values filled in
 * leaves a system of linear constraints on the withheld counts, which are non-negative; the
 * range of values a withheld count can take is its minimum and maximum over that polytope
 * (found by linear programming). A primary cell is protected when its range reaches 0 (the
 * reader cannot tell whether anything happened) or the threshold (nor whether it was small).
 * Cells are added one at a time, each time next to a cell still exposed, until none is.
 * Publishing only sums of the published, or nothing new, never undoes this; publishing the same
 * table again with other figures (another threshold, or after the counts changed) can.
 */

export const WITHHELD = "x";
export type Suppressed = number | typeof WITHHELD;

/** A relation between cells that every reader knows holds: Σ coef · value[cell] (sense) constant. */
export type CellRelation = { terms: readonly (readonly [cell: number, coef: number])[]; sense: Sense; constant: number };

export type CellTable = {
  /** The true counts: non-negative integers. */
  values: readonly number[];
  relations: readonly CellRelation[];
  /** Among counts of one size, which to withhold first (lower first): e.g. a month before a quarter, a quarter before the year. */
  rank?: readonly number[];
};

/** Whether a count is withheld on its own account: from 1 to threshold − 1. */
export const isSmall = (count: number, threshold: number) => count > 0 && count < threshold;

/** A total is the sum of its parts. */
export const sumOf = (total: number, parts: readonly number[]): CellRelation => ({
  terms: [[total, -1], ...parts.map((p) => [p, 1] as const)],
  sense: "=",
  constant: 0,
});

type Audit = { certified: Set<number>; exposed: number[] };

/** The relations as constraints on the withheld cells (variables 0…n-1), published values moved to the right-hand side. */
function constraintsOn(table: CellTable, hidden: readonly boolean[]) {
  const variable = new Map<number, number>();
  const cells: number[] = [];
  for (let i = 0; i < hidden.length; i++) {
    if (hidden[i]) {
      variable.set(i, cells.length);
      cells.push(i);
    }
  }
  const constraints: LinearConstraint[] = [];
  for (const r of table.relations) {
    let rhs = r.constant;
    const terms: [number, number][] = [];
    for (const [cell, coef] of r.terms) {
      const v = variable.get(cell);
      if (v === undefined) rhs -= coef * table.values[cell]!;
      else terms.push([v, coef]);
    }
    if (terms.length > 0) constraints.push({ terms, sense: r.sense, rhs });
  }
  return { cells, variable, constraints };
}

/** Groups of variables that share no constraint with each other's (each solved on its own). */
function components(count: number, constraints: readonly LinearConstraint[]): number[][] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const c of constraints) for (const [v] of c.terms.slice(1)) parent[find(v)] = find(c.terms[0]![0]);
  const groups = new Map<number, number[]>();
  for (let v = 0; v < count; v++) {
    const root = find(v);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(v);
  }
  return [...groups.values()];
}

/**
 * Which small withheld counts anyone could pin between 1 and threshold − 1 from the published
 * figures: for each, its least and greatest value over the region the relations leave. Cells in
 * `certified` were shown safe already (withholding more only widens the region: they stay safe).
 */
function audit(table: CellTable, hidden: readonly boolean[], threshold: number, certified: Set<number>): Audit {
  const { cells, variable, constraints } = constraintsOn(table, hidden);
  const exposed: number[] = [];
  const done = new Set(certified);
  for (const group of components(cells.length, constraints)) {
    const pending = group.map((v) => cells[v]!).filter((c) => isSmall(table.values[c]!, threshold) && !done.has(c));
    if (pending.length === 0) continue;
    const inGroup = new Set(group);
    const local = new Map(group.map((v, i) => [v, i]));
    const polytope = new Polytope(
      group.length,
      constraints
        .filter((c) => inGroup.has(c.terms[0]![0]))
        .map((c) => ({ ...c, terms: c.terms.map(([v, coef]) => [local.get(v)!, coef] as const) })),
    );
    if (!polytope.feasible) throw new Error("The published relations do not hold for these counts");
    const at = (cell: number) => local.get(variable.get(cell)!)!;
    const certify = (cell: number) => done.add(cell);
    // One program often shows many cells can be 0 at once: the least total of the pending cells.
    const least = polytope.optimize(new Map(pending.map((c) => [at(c), 1])), "min");
    if (least.bounded) for (const c of pending) if (least.x[at(c)]! <= 1e-7) certify(c);
    for (const c of pending) {
      if (done.has(c)) continue;
      const min = polytope.optimize(new Map([[at(c), 1]]), "min");
      if (min.bounded && min.value <= 1e-7) {
        certify(c);
        continue;
      }
      const max = polytope.optimize(new Map([[at(c), 1]]), "max");
      if (!max.bounded || max.value >= threshold - 1e-7) certify(c);
      else exposed.push(c);
    }
  }
  return { certified: done, exposed };
}

/** The small withheld counts anyone could pin between 1 and threshold − 1 from what is published (none, once protected). */
export function exposedCells(table: CellTable, hidden: readonly boolean[], threshold: number): number[] {
  return audit(table, hidden, threshold, new Set()).exposed;
}

/**
 * Which counts to withhold: the small ones, then the fewest and smallest others that protect
 * them. `alreadyHidden` marks cells withheld for another reason (they stay withheld).
 */
export function suppressCells(table: CellTable, threshold: number, alreadyHidden: readonly boolean[] = []): boolean[] {
  const { values, relations } = table;
  const hidden = values.map((v, i) => isSmall(v, threshold) || alreadyHidden[i] === true);
  if (!hidden.some(Boolean)) return hidden;
  const neighbours: number[][] = values.map(() => []);
  for (const r of relations) for (const [a] of r.terms) for (const [b] of r.terms) if (a !== b) neighbours[a]!.push(b);
  // The complement to withhold: the smallest published neighbour, a count above zero before a zero
  // (a withheld zero hides little), then by rank and position.
  const cost = (c: number) => [values[c] === 0 ? 1 : 0, values[c]!, table.rank?.[c] ?? 0, c];
  const cheapest = (candidates: Iterable<number>) => {
    let best = -1;
    for (const c of candidates) {
      if (hidden[c]) continue;
      if (best < 0) best = c;
      else {
        const [a, b] = [cost(c), cost(best)];
        const i = a.findIndex((x, k) => x !== b[k]);
        if (i >= 0 && a[i]! < b[i]!) best = c;
      }
    }
    return best;
  };

  // Quick pass: no sum may have exactly one withheld cell (it would be the total minus the others).
  for (let changed = true; changed;) {
    changed = false;
    for (const r of relations) {
      if (r.sense !== "=") continue;
      const withheld = r.terms.filter(([c]) => hidden[c]);
      if (withheld.length !== 1) continue;
      const c = cheapest(r.terms.map(([t]) => t));
      if (c >= 0) {
        hidden[c] = true;
        changed = true;
      }
    }
  }

  // Then audit by linear programming, and withhold a neighbour of each cell still exposed.
  let certified = new Set<number>();
  for (;;) {
    const result = audit(table, hidden, threshold, certified);
    certified = result.certified;
    if (result.exposed.length === 0) return hidden;
    let progress = false;
    for (const e of result.exposed) {
      let c = cheapest(neighbours[e]!);
      if (c < 0) {
        // Every neighbour is withheld: widen to the neighbours of the withheld cells around it.
        const around = new Set<number>();
        for (const n of neighbours[e]!) for (const m of neighbours[n]!) around.add(m);
        c = cheapest(around);
      }
      if (c < 0) c = cheapest(values.keys());
      if (c >= 0) {
        hidden[c] = true;
        progress = true;
      }
    }
    // Nothing left to withhold that helps (never seen): withhold everything rather than publish an exposed count.
    if (!progress) return values.map(() => true);
  }
}

/** The median of a list of numbers (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
