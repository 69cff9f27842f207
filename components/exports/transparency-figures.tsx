import { STANDARD_SHORT_LABELS } from "@/components/cases/standard-labels.ts";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table.tsx";
import { WITHHELD } from "@/lib/exports/suppression.ts";
import { OUTCOMES, OUTCOME_LABELS, type Figures, type TransparencyReport } from "@/lib/exports/transparency.ts";
import { SPACES, SPACE_LABELS, STANDARDS } from "@/lib/schemas/vocabulary.ts";

/** A line of a figures table: its label, and how to read its figure from a period's figures. */
type FigureRow = { label: string; pick: (f: Figures) => string | number };

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

/** One figure per row, one period per column, the whole report last. */
function FiguresTable({ caption, rows, columns }: { caption: string; rows: FigureRow[]; columns: DataTableColumn<FigureRow>[] }) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.label}
      density="dense"
      columns={[
        {
          header: "Figure",
          hideHeader: true,
          rowHeader: true,
          className: "whitespace-nowrap font-normal text-slate-800",
          cell: (r) => r.label,
        },
        ...columns,
      ]}
    />
  );
}

/** The report's figures, per period and in all, withheld where they are small. */
export function TransparencyFigures({ report }: { report: Pick<TransparencyReport, "rows" | "total"> }) {
  const periods = [
    ...report.rows.map((r) => ({ key: r.period.key, label: r.period.label, figures: r as Figures })),
    { key: "total", label: "Total", figures: report.total },
  ];
  const columns = periods.map((p): DataTableColumn<FigureRow> => ({
    header: p.label,
    numeric: true,
    headerClassName: "whitespace-nowrap",
    className: p.key === "total" ? "font-semibold" : undefined,
    cell: (r) => <Figure value={r.pick(p.figures)} />,
  }));
  return (
    <section aria-labelledby="figures-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="figures-heading" className="mb-2 text-base font-semibold">
        Figures per period
      </h2>
      <FiguresTable
        caption="Cases and outcomes per period"
        columns={columns}
        rows={[
          { label: "Cases received", pick: (f) => f.cases },
          ...OUTCOMES.map((o) => ({ label: OUTCOME_LABELS[o], pick: (f: Figures) => f.outcomes[o] })),
          { label: "Median days to decision", pick: (f) => (f.medianDaysToDecision === null ? "—" : f.medianDaysToDecision) },
        ]}
      />
      <h3 className="mt-6 mb-2 text-sm font-semibold">By standard</h3>
      <FiguresTable
        caption="Cases by standard per period"
        columns={columns}
        rows={STANDARDS.map((s) => ({ label: STANDARD_SHORT_LABELS[s], pick: (f: Figures) => f.standards[s] }))}
      />
      <h3 className="mt-6 mb-2 text-sm font-semibold">By space</h3>
      <FiguresTable
        caption="Cases by space per period"
        columns={columns}
        rows={SPACES.map((s) => ({ label: SPACE_LABELS[s], pick: (f: Figures) => f.spaces[s] }))}
      />
    </section>
  );
}
