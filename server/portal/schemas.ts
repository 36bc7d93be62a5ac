// Inputs of the portal's routes, validated at the edge.
import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "Enter your email address, for example you@example.com." }));

/** A path inside this app ("/admin", "/portal"); anything else falls back to the portal. */
export const callbackPathSchema = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/)
  .catch("/portal");

export const signInRequestSchema = z.object({
  email: emailSchema,
  callbackUrl: callbackPathSchema.optional().default("/portal"),
});

export const linkSignInSchema = z.object({
  token: z.string().regex(/^[a-f0-9]{64}$/),
  email: emailSchema,
  callbackUrl: callbackPathSchema.optional().default("/portal"),
});

export const codeSignInSchema = z.object({
  email: emailSchema,
  code: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "The code is the six digits from the email.")),
  callbackUrl: callbackPathSchema.optional().default("/portal"),
});

export const downloadRequestSchema = z.object({
  entitlement: z.string().min(1).max(64),
  file: z.coerce.number().int().min(0).max(999),
});

export const resendRequestSchema = z.object({
  order: z.string().min(1).max(64),
});
