// RFC 4180 CSV that a spreadsheet opens safely: quoted where needed, and no cell can run as a formula.
export type CsvCell = string | number | boolean | null | undefined | Date;

/** Characters a spreadsheet treats as the start of a formula (OWASP's list, with tab and CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that would start a formula gets a leading apostrophe, so "=HYPERLINK(...)" typed as a
 * buyer's name stays text in Excel, Sheets and LibreOffice. Numbers are written as numbers.
 */
export function toCsvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsvRow(cells: CsvCell[]): string {
  return `${cells.map(toCsvCell).join(",")}\r\n`;
}
