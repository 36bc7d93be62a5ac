// CSV export cells: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
import { describe, expect, it } from "vitest";
import { toCsvCell, toCsvRow } from "@/server/admin/to-csv";

describe("toCsvCell", () => {
  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(toCsvCell("plain")).toBe("plain");
    expect(toCsvCell("a,b")).toBe('"a,b"');
    expect(toCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(toCsvCell("two\nlines")).toBe('"two\nlines"');
  });
  it("defuses formulas: =, +, -, @, tab and carriage return at the start", () => {
    expect(toCsvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(toCsvCell("+1+1")).toBe("'+1+1");
    expect(toCsvCell("-2+3")).toBe("'-2+3");
    expect(toCsvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(toCsvCell("\t=1")).toBe("'\t=1");
    expect(toCsvCell("\r=1")).toBe('"\'\r=1"');
    expect(toCsvCell("a=b")).toBe("a=b");
  });
  it("writes numbers, booleans, dates and empties plainly", () => {
    expect(toCsvCell(-12)).toBe("-12");
    expect(toCsvCell(true)).toBe("true");
    expect(toCsvCell(new Date("2026-11-29T10:00:00Z"))).toBe("2026-11-29T10:00:00.000Z");
    expect(toCsvCell(null)).toBe("");
    expect(toCsvCell(undefined)).toBe("");
    expect(toCsvCell(Number.NaN)).toBe("");
  });
  it("ends rows with CRLF", () => {
    expect(toCsvRow(["a", 1, null, "x,y"])).toBe('a,1,,"x,y"\r\n');
  });
});
