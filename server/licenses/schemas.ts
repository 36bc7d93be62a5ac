// What the License API accepts: Lemon Squeezy's field names, from a form, JSON or JSON:API body.
import { z } from "zod";

const licenseKey = z
  .string({ error: "license_key is required: send the license key from the purchase email." })
  .trim()
  .min(1, "license_key is required: send the license key from the purchase email.")
  .max(200, "license_key is too long to be a license key.");

const instanceId = z
  .string({ error: "instance_id is required: send the instance id that activation returned." })
  .trim()
  .min(1, "instance_id is required: send the instance id that activation returned.")
  .max(100, "instance_id is too long to be an instance id.");

export const activateLicenseInputSchema = z.object({
  license_key: licenseKey,
  instance_name: z
    .string({ error: "instance_name is required: name the device or site being activated, e.g. \"Ada's MacBook\"." })
    .trim()
    .min(1, "instance_name is required: name the device or site being activated, e.g. \"Ada's MacBook\".")
    .max(255, "instance_name is too long: at most 255 characters."),
});

export const validateLicenseInputSchema = z.object({
  license_key: licenseKey,
  // Optional: an empty field (as some form clients send) means "no instance".
  instance_id: z.preprocess((value) => (value === "" || value === null ? undefined : value), instanceId.optional()),
});

export const deactivateLicenseInputSchema = z.object({ license_key: licenseKey, instance_id: instanceId });

export type ActivateLicenseInput = z.infer<typeof activateLicenseInputSchema>;
export type ValidateLicenseInput = z.infer<typeof validateLicenseInputSchema>;
export type DeactivateLicenseInput = z.infer<typeof deactivateLicenseInputSchema>;

// The library's buttons: which device to deactivate, which key to reset (ids the page rendered).
export const buyerActivationSchema = z.object({ activation: z.string().trim().min(1).max(100) });
export const buyerLicenseKeySchema = z.object({ license: z.string().trim().min(1).max(100) });
