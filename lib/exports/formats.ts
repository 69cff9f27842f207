import { csvRow } from "@/lib/format/csv.ts";
import { markdownCell } from "./markdown.ts";

export { markdownCell };

/*
 * Writers for streamed exports: each returns the text of one piece (a header, a row, an
 * end), so a stream can enqueue rows a batch at a time without holding the whole file.
 */

export type Table = { headers: string[]; cells: (row: number) => string[] };

export const csv = {
  header: (headers: string[]) => `\uFEFF${csvRow(headers)}`,
  row: (cells: string[]) => csvRow(cells),
};

/** A JSON array streamed element by element: "[", then elements joined by ",\n", then "]". */
export const jsonArray = {
  start: "[\n",
  element: (value: unknown, index: number) => `${index === 0 ? "" : ",\n"}${JSON.stringify(value)}`,
  end: (count: number) => (count === 0 ? "]\n" : "\n]\n"),
};

/** A GFM table, a row at a time: every cell, typed or not, escaped by markdownCell (inert text, http(s) links only). */
export const markdownTable = {
  header: (headers: string[]) => `| ${headers.map(markdownCell).join(" | ")} |\n|${headers.map(() => " --- ").join("|")}|\n`,
  row: (cells: string[]) => `| ${cells.map(markdownCell).join(" | ")} |\n`,
};
