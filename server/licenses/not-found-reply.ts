// The one answer for a key we do not know: the same words, status and shape whatever was sent.
import "server-only";
import { licenseReply, type LicenseAction, type LicenseApiResult } from "@/server/licenses/license-api-body";

export const INVALID_KEY_ERROR = "This license key is not valid. Copy it again from your purchase email (four groups of five letters and digits: XXXXX-XXXXX-XXXXX-XXXXX), or write to the seller.";

/** Says only "invalid": no hint of whether a key like it exists, was ever sold, or was mistyped. */
export function notFoundReply(action: LicenseAction): LicenseApiResult {
  return licenseReply({ action, code: "NOT_FOUND", error: INVALID_KEY_ERROR });
}
