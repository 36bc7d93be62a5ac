// Range parsing and RFC 6266 file names for downloads.
import { describe, expect, it } from "vitest";
import { contentDisposition, contentTypeFor, parseRange } from "@/server/downloads/http-headers";

describe("parseRange", () => {
  it("reads the three single-range forms", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ kind: "range", start: 0, end: 99 });
    expect(parseRange("bytes=900-", 1000)).toEqual({ kind: "range", start: 900, end: 999 });
    expect(parseRange("bytes=-100", 1000)).toEqual({ kind: "range", start: 900, end: 999 });
  });
  it("clamps an end past the file and takes a suffix longer than the file as the whole file", () => {
    expect(parseRange("bytes=10-5000", 1000)).toEqual({ kind: "range", start: 10, end: 999 });
    expect(parseRange("bytes=-5000", 1000)).toEqual({ kind: "range", start: 0, end: 999 });
  });
  it("calls a start at or past the end unsatisfiable", () => {
    expect(parseRange("bytes=1000-", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=500-400", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-0", 1000)).toEqual({ kind: "unsatisfiable" });
  });
  it("ignores what it does not serve: no header, other units, several ranges, junk", () => {
    for (const header of [null, "items=0-1", "bytes=0-1,5-9", "bytes=abc", "bytes=-"]) expect(parseRange(header, 1000)).toEqual({ kind: "none" });
  });
});

describe("contentDisposition", () => {
  it("keeps a plain ASCII name as it is", () => {
    expect(contentDisposition("Field Guide.pdf")).toBe('attachment; filename="Field Guide.pdf"');
  });
  it("adds an RFC 8187 UTF-8 name beside an ASCII fallback for other names", () => {
    const header = contentDisposition("Café – Menü.pdf");
    expect(header).toBe(`attachment; filename="Cafe _ Menu.pdf"; filename*=UTF-8''Caf%C3%A9%20%E2%80%93%20Men%C3%BC.pdf`);
  });
  it("never lets a quote or backslash break out of the quoted name", () => {
    expect(contentDisposition('a"b\\c.txt')).toContain('filename="a_b_c.txt"');
  });
});

describe("contentTypeFor", () => {
  it("knows common product file types and falls back to octet-stream", () => {
    expect(contentTypeFor("x.PDF")).toBe("application/pdf");
    expect(contentTypeFor("book.epub")).toBe("application/epub+zip");
    expect(contentTypeFor("thing.unknown")).toBe("application/octet-stream");
  });
});
