/*
 * A small linear program solver (dense two-phase simplex) for auditing a published table: the
 * region of values the withheld cells could take, given every published figure, is a polytope;
 * its smallest and largest value of a cell is what anyone could work out about that cell by
 * linear reasoning. Variables are non-negative. Phase 1 finds a vertex once; each objective then
 * starts from it (phase 2 on a copy). Dantzig's rule, switching to Bland's rule (which cannot
 * cycle) after many pivots.
 */

export type Sense = "=" | "<=" | ">=";
/** Σ coef · x[variable] (sense) rhs. */
export type LinearConstraint = { terms: readonly (readonly [variable: number, coef: number])[]; sense: Sense; rhs: number };

const EPS = 1e-9;

export type Optimum = { bounded: true; value: number; x: Float64Array } | { bounded: false };

export class Polytope {
  /** Whether any point satisfies the constraints. */
  readonly feasible: boolean;
  private rows: Float64Array[];
  private basis: number[];
  /** Columns: the variables, then slack and surplus columns (artificial ones are gone after phase 1); the last is the right-hand side. */
  private width: number;

  constructor(
    private readonly variables: number,
    constraints: readonly LinearConstraint[],
  ) {
    const slackCount = constraints.filter((c) => c.sense !== "=").length;
    const artificialCount = constraints.filter((c) => c.sense !== "<=" || c.rhs < 0).length;
    const structural = variables + slackCount;
    const width = structural + artificialCount + 1;
    const rows: Float64Array[] = [];
    const basis: number[] = [];
    let slack = variables;
    let artificial = structural;
    for (const c of constraints) {
      const row = new Float64Array(width);
      for (const [v, coef] of c.terms) row[v]! += coef;
      if (c.sense === "<=") row[slack++] = 1;
      else if (c.sense === ">=") row[slack++] = -1;
      row[width - 1] = c.rhs;
      if (c.rhs < 0) for (let j = 0; j < width; j++) row[j] = -row[j]!;
      // A "<=" row with rhs ≥ 0 starts with its slack in the basis; every other row with an artificial.
      if (c.sense === "<=" && c.rhs >= 0) basis.push(slack - 1);
      else {
        row[artificial] = 1;
        basis.push(artificial++);
      }
      rows.push(row);
    }
    this.rows = rows;
    this.basis = basis;
    this.width = width;
    // Phase 1: minimise the sum of the artificial variables.
    const cost = new Float64Array(width - 1);
    for (let j = structural; j < width - 1; j++) cost[j] = 1;
    const objective = this.reducedCosts(cost);
    this.iterate(rows, basis, objective, width);
    this.feasible = -objective[width - 1]! <= 1e-7;
    if (!this.feasible) return;
    // Drive artificial variables out of the basis (at zero level), dropping rows that are redundant.
    for (let i = rows.length - 1; i >= 0; i--) {
      if (basis[i]! < structural) continue;
      const j = rows[i]!.findIndex((v, k) => k < structural && Math.abs(v) > EPS);
      if (j < 0) {
        rows.splice(i, 1);
        basis.splice(i, 1);
      } else pivot(rows, basis, null, i, j, width);
    }
    // Drop the artificial columns.
    this.rows = rows.map((r) => {
      const next = new Float64Array(structural + 1);
      next.set(r.subarray(0, structural));
      next[structural] = r[width - 1]!;
      return next;
    });
    this.width = structural + 1;
  }

  /** The objective row (reduced costs, and minus the objective's value last) for the current basis. */
  private reducedCosts(cost: Float64Array, rows = this.rows, basis = this.basis, width = this.width): Float64Array {
    const z = new Float64Array(width);
    z.set(cost.subarray(0, width - 1));
    rows.forEach((row, i) => {
      const cb = cost[basis[i]!] ?? 0;
      if (cb !== 0) for (let j = 0; j < width; j++) z[j]! -= cb * row[j]!;
    });
    return z;
  }

  /** Pivots until no reduced cost is negative; false when the objective is unbounded below. */
  private iterate(rows: Float64Array[], basis: number[], z: Float64Array, width: number): boolean {
    let pivots = 0;
    const blandAfter = 50 + 4 * (rows.length + width);
    for (;;) {
      const bland = pivots++ > blandAfter;
      let enter = -1;
      let best = -EPS;
      for (let j = 0; j < width - 1; j++) {
        if (z[j]! < best) {
          enter = j;
          if (bland) break;
          best = z[j]!;
        }
      }
      if (enter < 0) return true;
      let leave = -1;
      let ratio = Infinity;
      for (let i = 0; i < rows.length; i++) {
        const a = rows[i]![enter]!;
        if (a > EPS) {
          const r = rows[i]![width - 1]! / a;
          if (r < ratio - EPS || (Math.abs(r - ratio) <= EPS && basis[i]! < basis[leave]!)) {
            ratio = r;
            leave = i;
          }
        }
      }
      if (leave < 0) return false;
      pivot(rows, basis, z, leave, enter, width);
    }
  }

  /** The smallest (or largest) value of Σ objective[v] · x[v] over the polytope. */
  optimize(objective: ReadonlyMap<number, number>, direction: "min" | "max"): Optimum {
    if (!this.feasible) throw new Error("The constraints have no solution");
    const rows = this.rows.map((r) => r.slice());
    const basis = [...this.basis];
    const cost = new Float64Array(this.width - 1);
    for (const [v, c] of objective) cost[v] = direction === "min" ? c : -c;
    const z = this.reducedCosts(cost, rows, basis);
    if (!this.iterate(rows, basis, z, this.width)) return { bounded: false };
    const x = new Float64Array(this.variables);
    basis.forEach((b, i) => {
      if (b < this.variables) x[b] = rows[i]![this.width - 1]!;
    });
    const value = -z[this.width - 1]!;
    return { bounded: true, value: direction === "min" ? value : -value, x };
  }
}

function pivot(rows: Float64Array[], basis: number[], z: Float64Array | null, r: number, c: number, width: number) {
  const pr = rows[r]!;
  const p = pr[c]!;
  for (let j = 0; j < width; j++) pr[j]! /= p;
  const eliminate = (row: Float64Array) => {
    const f = row[c]!;
    if (f === 0) return;
    for (let j = 0; j < width; j++) row[j]! -= f * pr[j]!;
    row[c] = 0;
  };
  rows.forEach((row, i) => i !== r && eliminate(row));
  if (z) eliminate(z);
  basis[r] = c;
}
