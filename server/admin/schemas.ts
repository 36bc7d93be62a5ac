// What the dashboard accepts from a form or a JSON body, validated at the edge.
import { z } from "zod";

const reason = z.string().trim().max(500, "Keep the reason under 500 characters.");
const optionalReason = reason.optional().transform((value) => (value ? value : undefined));
const requiredReason = z.preprocess((value) => value ?? "", reason.min(3, "Say why in a few words: the reason is kept in the audit log."));

export const searchOrdersSchema = z.object({
  q: z.string().trim().max(200).optional().default(""),
  status: z.string().trim().max(40).optional().default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
export type SearchOrdersInput = z.infer<typeof searchOrdersSchema>;

export const resendEmailSchema = z.object({
  /** One id per rendered form: a double click sends the email once. */
  requestId: z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  reason: optionalReason,
});

export const noteSchema = z.object({ reason: optionalReason });

export const extendLimitSchema = z
  .object({
    add: z.coerce.number().int().min(1, "Add at least 1 download.").max(1_000, "Add at most 1000 downloads at a time.").optional(),
    unlimited: z
      .union([z.boolean(), z.enum(["1", "true", "on"])])
      .optional()
      .transform((value) => value === true || value === "1" || value === "true" || value === "on"),
    reason: optionalReason,
  })
  .refine((value) => value.unlimited || value.add !== undefined, { message: "Say how many downloads to add, or choose unlimited." });

export const accessChangeSchema = z.object({ reason: requiredReason });

export const digestSchema = z.object({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Give the day as YYYY-MM-DD.")
    .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), "That day does not exist.")
    .optional(),
});
