// Inputs of the checkout routes.
import { z } from "zod";
import { slugSchema } from "@/server/catalog/schemas";

export const checkoutRequestSchema = z.object({
  product: slugSchema,
  email: z.email().optional().or(z.literal("").transform(() => undefined)),
});

export const demoPaymentSchema = z.object({
  session: z.string().regex(/^cs_demo_[A-Za-z0-9]{16,40}$/, "is not a demo checkout session"),
  product: slugSchema,
  email: z.email({ message: "Enter the email address where your files should go." }),
  outcome: z.enum(["paid", "delayed"]).default("paid"),
});

export const sessionIdSchema = z.string().regex(/^cs_[A-Za-z0-9_]{8,200}$/);
