import { csvRow } from "@/lib/format/csv.ts";

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

/**
 * A Markdown (GFM) table cell: pipes and backslashes escaped, HTML neutralised as
 * entities, line breaks as <br> so each row stays on one line.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r\n|\r|\n/g, "<br>");
}

export const markdownTable = {
  header: (headers: string[]) => `| ${headers.map(markdownCell).join(" | ")} |\n|${headers.map(() => " --- ").join("|")}|\n`,
  row: (cells: string[]) => `| ${cells.map((c) => (c === "" ? " " : markdownCell(c))).join(" | ")} |\n`,
};
