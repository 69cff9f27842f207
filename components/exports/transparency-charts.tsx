import { STANDARD_SHORT_LABELS } from "@/components/cases/standard-labels.ts";
import { OUTCOMES, OUTCOME_LABELS, type TransparencyReport } from "@/lib/exports/transparency.ts";
import { SPACES, SPACE_LABELS, STANDARDS } from "@/lib/schemas/vocabulary.ts";
import { BarChart, type Bar } from "./bar-chart.tsx";

type ChartCardProps = { id: string; heading: string; title: string; bars: Bar[]; color?: string };

function ChartCard({ id, heading, title, bars, color }: ChartCardProps) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={id} className="mb-2 text-base font-semibold">
        {heading}
      </h2>
      <BarChart title={title} bars={bars} color={color} />
    </section>
  );
}

/** The report at a glance: cases per period, and outcomes, standards and spaces over the whole report. */
export function TransparencyCharts({ report }: { report: Pick<TransparencyReport, "rows" | "total"> }) {
  const { total } = report;
  const charts: ChartCardProps[] = [
    {
      id: "received-heading",
      heading: "Cases received",
      title: "Cases received per period",
      bars: report.rows.map((r) => ({ label: r.period.label, value: r.cases })),
      color: "#334155",
    },
    {
      id: "outcomes-heading",
      heading: "Outcomes, all periods",
      title: "Outcomes over the whole report",
      bars: OUTCOMES.map((o) => ({ label: OUTCOME_LABELS[o], value: total.outcomes[o] })),
    },
    {
      id: "standards-heading",
      heading: "Cases by standard",
      title: "Cases by standard over the whole report",
      bars: STANDARDS.map((s) => ({ label: STANDARD_SHORT_LABELS[s], value: total.standards[s] })),
      color: "#0369a1",
    },
    {
      id: "spaces-heading",
      heading: "Cases by space",
      title: "Cases by space over the whole report",
      bars: SPACES.map((s) => ({ label: SPACE_LABELS[s], value: total.spaces[s] })),
      color: "#0f766e",
    },
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {charts.map((chart) => (
        <ChartCard key={chart.id} {...chart} />
      ))}
    </div>
  );
}
