import type { ReactNode } from "react";

/** One column: its header, and what each row shows in it. */
export type DataTableColumn<Row> = {
  /** The column header; it also names each of the column's cells for a screen reader. */
  header: ReactNode;
  /** The header is read out but not shown (a column of buttons, the row headers' column). */
  hideHeader?: boolean;
  cell: (row: Row) => ReactNode;
  /** The cell names its row (`<th scope="row">`): a figure's label, a field's name. */
  rowHeader?: boolean;
  /** "right" for buttons: the header and the cells line up on the right. */
  align?: "left" | "right";
  /** Counts and figures: right-aligned, with digits of one width. */
  numeric?: boolean;
  /** Classes for every cell of the column (width, wrapping, colour, weight). */
  className?: string;
  /** Classes for the column header. */
  headerClassName?: string;
  /** For a header that sorts the list: the order it is sorted in now (`aria-sort`). */
  sorted?: "ascending" | "descending";
};

/** Every table has an accessible name: the heading of its section, or a caption read out only. */
type Name = { labelledBy: string; caption?: never } | { caption: string; labelledBy?: never };

export type DataTableProps<Row> = Name & {
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown instead of the table when there are no rows; without it an empty table keeps its headers. */
  empty?: ReactNode;
  /**
   * How much room a cell has: "comfortable" for rows with buttons or several lines, "compact" for
   * long logs, "narrow" for many columns, "dense" for grids of figures.
   */
  density?: "comfortable" | "compact" | "narrow" | "dense";
  /** "inset": inside a coloured panel, without the header's background, the row dividers or side padding. */
  variant?: "card" | "inset";
  /** Cells of several lines start at the top of their row. */
  alignTop?: boolean;
  rowClassName?: (row: Row) => string;
  /** Classes for the table itself (a minimum width, a fixed layout, the body text colour). */
  className?: string;
};

const PADDING = {
  comfortable: { th: "px-4 py-2", td: "px-4 py-3" },
  compact: { th: "px-4 py-2", td: "px-4 py-2" },
  narrow: { th: "px-3 py-2", td: "px-3 py-2.5" },
  dense: { th: "px-3 py-2", td: "px-3 py-1.5" },
  inset: { th: "py-1 pr-2", td: "py-1.5 pr-2" },
} as const;

const classes = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(" ");

/** A table of records, rendered on the server or in a client component alike. */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  empty,
  density = "comfortable",
  variant = "card",
  alignTop = false,
  rowClassName,
  className,
  ...name
}: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <div className="px-4 py-6 text-sm text-slate-600">{empty}</div>;
  const pad = PADDING[variant === "inset" ? "inset" : density];
  const inset = variant === "inset";
  const alignOf = (c: DataTableColumn<Row>) => (c.numeric ? "text-right tabular-nums" : c.align === "right" ? "text-right" : undefined);
  return (
    <div className="overflow-x-auto">
      <table className={classes("w-full text-left text-sm", className)} aria-labelledby={name.labelledBy}>
        {name.caption !== undefined && <caption className="sr-only">{name.caption}</caption>}
        <thead className={classes("text-xs uppercase tracking-wide text-slate-600", !inset && "bg-slate-50")}>
          <tr>
            {columns.map((c, i) => (
              <th
                key={i}
                scope="col"
                aria-sort={c.sorted}
                className={classes(pad.th, "font-medium", c.numeric ? "text-right" : alignOf(c), c.headerClassName)}
              >
                {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={classes(!inset && "divide-y divide-slate-100", alignTop && "align-top")}>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row) || undefined}>
              {columns.map((c, i) => {
                const className = classes(pad.td, alignOf(c), c.className) || undefined;
                return c.rowHeader ? (
                  <th key={i} scope="row" className={className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={i} className={className}>
                    {c.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
