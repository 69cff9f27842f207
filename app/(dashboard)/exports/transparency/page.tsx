import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/exports/bar-chart.tsx";
import { STANDARD_SHORT_LABELS } from "@/components/cases/standard-labels.ts";
import { buttonClasses } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { WITHHELD } from "@/lib/exports/suppression.ts";
import { OUTCOMES, OUTCOME_LABELS, suppressionNote, type Figures } from "@/lib/exports/transparency.ts";
import { TRANSPARENCY_PERIODS, TRANSPARENCY_PERIOD_LABELS } from "@/lib/schemas/export.ts";
import { SPACES, SPACE_LABELS, STANDARDS } from "@/lib/schemas/vocabulary.ts";
import { requireUser } from "@/lib/server/auth.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { getTransparencyReport } from "@/lib/server/exports/get-transparency-report.ts";

export const metadata: Metadata = { title: "Transparency report" };
export const dynamic = "force-dynamic";

const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

/** A figure as shown: a withheld count is an "x", read out as "withheld". */
function Figure({ value }: { value: string | number }) {
  if (value !== WITHHELD) return <>{value}</>;
  return (
    <>
      <span aria-hidden="true">{WITHHELD}</span>
      <span className="sr-only">withheld</span>
    </>
  );
}

export default async function TransparencyPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser("export.create");
  const params = await searchParams;
  let filterError: string | undefined;
  let report;
  try {
    report = await getTransparencyReport({ actor: user, input: params });
  } catch (error) {
    if (!isAppError(error)) throw error;
    filterError = error.message;
    report = await getTransparencyReport({ actor: user, input: {} });
  }
  const thisYear = new Date().getUTCFullYear();
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const query = (format: string) =>
    new URLSearchParams({ period: report.period, year: String(report.year), threshold: String(report.threshold), format }).toString();
  const cols = [
    ...report.rows.map((r) => ({ key: r.period.key, label: r.period.label, f: r as Figures })),
    { key: "total", label: "Total", f: report.total },
  ];
  const table = (caption: string, rows: { label: string; pick: (f: Figures) => string | number }[]) => (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              <span className="sr-only">Figure</span>
            </th>
            {cols.map((c) => (
              <th key={c.key} scope="col" className="whitespace-nowrap px-3 py-2 text-right font-medium">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row" className="whitespace-nowrap px-3 py-1.5 font-normal text-slate-800">
                {r.label}
              </th>
              {cols.map((c) => (
                <td key={c.key} className={`px-3 py-1.5 text-right tabular-nums ${c.key === "total" ? "font-semibold" : ""}`}>
                  <Figure value={r.pick(c.f)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <div className="space-y-6">
      <div>
        <Link href="/exports" className="text-sm font-medium text-indigo-700 hover:underline">
          ← Exports
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Transparency report</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {suppressionNote(report.threshold)} Decisions count in the period they were taken; a later reversal counts in the period it was
          recorded.
        </p>
      </div>

      <form method="get" aria-label="Report period" className={`${card} flex flex-wrap items-end gap-3`}>
        <SelectField
          label="Period"
          name="period"
          defaultValue={report.period}
          options={TRANSPARENCY_PERIODS.map((p) => ({ value: p, label: TRANSPARENCY_PERIOD_LABELS[p] }))}
        />
        <SelectField
          label="Year"
          name="year"
          defaultValue={String(report.year)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <TextField label="Threshold" name="threshold" type="number" min={1} max={50} defaultValue={report.threshold} className="w-28" />
        <button type="submit" className={buttonClasses("primary")}>
          Show report
        </button>
        <span className="ml-auto flex gap-2">
          <a href={`/api/exports/transparency?${query("markdown")}`} className={buttonClasses("secondary")}>
            Download Markdown
          </a>
          <a href={`/api/exports/transparency?${query("csv")}`} className={buttonClasses("secondary")}>
            Download CSV
          </a>
        </span>
        {filterError && (
          <p role="alert" className="w-full text-sm text-red-700">
            {filterError}
          </p>
        )}
      </form>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="received-heading" className={card}>
          <h2 id="received-heading" className="mb-2 text-base font-semibold">
            Cases received
          </h2>
          <BarChart
            title="Cases received per period"
            bars={report.rows.map((r) => ({ label: r.period.label, value: r.cases }))}
            color="#334155"
          />
        </section>
        <section aria-labelledby="outcomes-heading" className={card}>
          <h2 id="outcomes-heading" className="mb-2 text-base font-semibold">
            Outcomes, all periods
          </h2>
          <BarChart
            title="Outcomes over the whole report"
            bars={OUTCOMES.map((o) => ({ label: OUTCOME_LABELS[o], value: report.total.outcomes[o] }))}
          />
        </section>
        <section aria-labelledby="standards-heading" className={card}>
          <h2 id="standards-heading" className="mb-2 text-base font-semibold">
            Cases by standard
          </h2>
          <BarChart
            title="Cases by standard over the whole report"
            bars={STANDARDS.map((s) => ({ label: STANDARD_SHORT_LABELS[s], value: report.total.standards[s] }))}
            color="#0369a1"
          />
        </section>
        <section aria-labelledby="spaces-heading" className={card}>
          <h2 id="spaces-heading" className="mb-2 text-base font-semibold">
            Cases by space
          </h2>
          <BarChart
            title="Cases by space over the whole report"
            bars={SPACES.map((s) => ({ label: SPACE_LABELS[s], value: report.total.spaces[s] }))}
            color="#0f766e"
          />
        </section>
      </div>

      <section aria-labelledby="figures-heading" className={card}>
        <h2 id="figures-heading" className="mb-2 text-base font-semibold">
          Figures per period
        </h2>
        {table("Cases and outcomes per period", [
          { label: "Cases received", pick: (f) => f.cases },
          ...OUTCOMES.map((o) => ({ label: OUTCOME_LABELS[o], pick: (f: Figures) => f.outcomes[o] })),
          { label: "Median days to decision", pick: (f) => (f.medianDaysToDecision === null ? "—" : f.medianDaysToDecision) },
        ])}
        <h3 className="mt-6 mb-2 text-sm font-semibold">By standard</h3>
        {table(
          "Cases by standard per period",
          STANDARDS.map((s) => ({ label: STANDARD_SHORT_LABELS[s], pick: (f: Figures) => f.standards[s] })),
        )}
        <h3 className="mt-6 mb-2 text-sm font-semibold">By space</h3>
        {table(
          "Cases by space per period",
          SPACES.map((s) => ({ label: SPACE_LABELS[s], pick: (f: Figures) => f.spaces[s] })),
        )}
      </section>
    </div>
  );
}
