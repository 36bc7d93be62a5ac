// Pieces of Lemon Squeezy's shape: microsecond timestamps, and stable numeric ids from our string ids.
import { describe, expect, it } from "vitest";
import { licenseTimestamp } from "@/server/licenses/license-api-body";
import { publicNumber } from "@/server/licenses/public-number";
import { httpStatusForLicenseCode, licenseCodes } from "@/server/licenses/license-codes";

describe("the License API's pieces", () => {
  it("writes timestamps as Lemon Squeezy does", () => {
    expect(licenseTimestamp(new Date("2021-01-24T14:15:07.123Z"))).toBe("2021-01-24T14:15:07.123000Z");
    expect(licenseTimestamp(null)).toBeNull();
  });

  it("derives a stable, safe, positive number per id and kind", () => {
    const id = "cmabc123def456";
    expect(publicNumber("order", id)).toBe(publicNumber("order", id));
    expect(publicNumber("order", id)).not.toBe(publicNumber("customer", id));
    for (let index = 0; index < 500; index += 1) {
      const value = publicNumber("license_key", `id-${index}`);
      expect(Number.isSafeInteger(value) && value > 0 && value < 2 ** 48).toBe(true);
    }
  });

  it("answers with Lemon Squeezy's statuses: 404 for unknown things, 400 for unusable keys, 422 for bad fields", () => {
    expect(httpStatusForLicenseCode("NOT_FOUND")).toBe(404);
    expect(httpStatusForLicenseCode("INSTANCE_NOT_FOUND")).toBe(404);
    for (const code of ["EXPIRED", "REVOKED", "SUSPENDED", "ACTIVATION_LIMIT_REACHED"] as const) expect(httpStatusForLicenseCode(code)).toBe(400);
    expect(httpStatusForLicenseCode("INVALID_REQUEST")).toBe(422);
    expect(httpStatusForLicenseCode("RATE_LIMITED")).toBe(429);
    expect(Object.keys(licenseCodes)).toContain("VALID");
  });
});
