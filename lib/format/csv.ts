/*
 * CSV as RFC 4180 (comma-separated, CRLF line ends, fields quoted when they contain a
 * comma, quote, CR or LF, quotes doubled), with spreadsheet formula injection neutralised
 * as OWASP advises: a cell that starts with =, +, -, @, tab or CR gets a leading single
 * quote, so a spreadsheet shows it as text instead of running it.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = neutraliseFormula(value instanceof Date ? value.toISOString() : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
