// The catalog's shape (catalog.json): strict, so a misspelt field is an error rather than ignored.
import { z } from "zod";

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case letters, digits and single dashes, e.g. field-guide");

export const catalogFileSchema = z.strictObject({
  path: z.string().min(1, "must name a file under STORAGE_DIR"),
  name: z.string().min(1, "must be the file name the buyer sees").max(200),
});

export const productSchema = z.strictObject({
  slug: slugSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(5000).default(""),
  stripePriceId: z.string().regex(/^price_/, "must be a Stripe price id (price_...)").optional(),
  price: z
    .strictObject({
      amount: z.number().int().nonnegative("must be in the currency's smallest unit, e.g. 1900 for $19.00"),
      currency: z.string().regex(/^[a-z]{3}$/, "must be a lower-case ISO currency code, e.g. usd"),
    })
    .optional(),
  files: z.array(catalogFileSchema).min(1, "must list at least one file"),
  downloadLimit: z.number().int().positive().nullable().optional(),
  linkTtlHours: z.number().int("must be a whole number of hours").positive().max(24 * 365).default(24),
  licenseKeys: z
    .strictObject({
      activationLimit: z.number().int().positive().nullable().optional(),
      expiresAfterDays: z.number().int().positive().nullable().optional(),
    })
    .optional(),
  revokeOnPartialRefund: z.boolean().default(false),
});

export const catalogSchema = z.strictObject({
  currency: z.string().regex(/^[a-z]{3}$/).optional(),
  products: z.array(productSchema),
});

export type CatalogFile = z.infer<typeof catalogFileSchema>;
export type Product = z.infer<typeof productSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
