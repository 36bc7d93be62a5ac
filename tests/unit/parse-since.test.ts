// Reconciliation's period: durations and dates in, a clear refusal for anything else.
import { describe, expect, it } from "vitest";
import { parseSince } from "@/server/reconcile/schemas";

const now = () => new Date("2026-12-01T12:00:00Z");

describe("parseSince", () => {
  it("reads hours, minutes and days back from now", () => {
    expect(parseSince("72h", now).toISOString()).toBe("2026-11-28T12:00:00.000Z");
    expect(parseSince("30m", now).toISOString()).toBe("2026-12-01T11:30:00.000Z");
    expect(parseSince("7d", now).toISOString()).toBe("2026-11-24T12:00:00.000Z");
  });

  it("reads a past date", () => {
    expect(parseSince("2026-11-01", now).toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("refuses anything else with words that say what to write", () => {
    for (const bad of ["", "72", "0h", "soon", "2027-01-01"]) {
      expect(() => parseSince(bad, now)).toThrow(/use a duration such as 72h/);
    }
  });
});
