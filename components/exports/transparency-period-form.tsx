import { buttonClasses } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import type { TransparencyReport } from "@/lib/exports/transparency.ts";
import { TRANSPARENCY_PERIODS, TRANSPARENCY_PERIOD_LABELS } from "@/lib/schemas/export.ts";

/** How many years back the report can be asked for, this one included. */
const YEARS_OFFERED = 6;

/**
 * Which report to show (period, year, suppression threshold): a GET form, so a report is an
 * address; and the report shown, as files.
 */
export function TransparencyPeriodForm({
  report,
  error,
}: {
  report: Pick<TransparencyReport, "period" | "year" | "threshold">;
  error?: string;
}) {
  const thisYear = new Date().getUTCFullYear();
  const years = Array.from({ length: YEARS_OFFERED }, (_, i) => thisYear - i);
  const query = (format: "markdown" | "csv") =>
    new URLSearchParams({ period: report.period, year: String(report.year), threshold: String(report.threshold), format }).toString();
  return (
    <form
      method="get"
      aria-label="Report period"
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
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
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
