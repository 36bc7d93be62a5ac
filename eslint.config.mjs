// Lint rules that keep the layers apart (see the README's "Code layout"): dependencies run one way,
// app/ → server/<domain> → server/{db,stripe,mail,storage} → SDKs, and templates stay pure.
import tseslint from "typescript-eslint";

// Types may be shared (a handler names Stripe.Event); code that talks to the SDK may not.
const sdkOnlyIn = (name, folder) => ({ name, allowTypeImports: true, message: `Only ${folder} may import ${name}; call the function there instead.` });

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", "server/generated/**", "test-results/**", "playwright-report/**", "tests/.tmp/**", "next-env.d.ts"] },
  {
    files: ["**/*.{ts,tsx,mts,mjs}"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [sdkOnlyIn("stripe", "server/stripe/"), sdkOnlyIn("resend", "server/mail/"), sdkOnlyIn("@aws-sdk/client-s3", "server/storage/")],
        },
      ],
    },
  },
  {
    files: ["server/stripe/**", "tests/**", "bench/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["server/mail/**"],
    rules: { "no-restricted-imports": ["error", { paths: [sdkOnlyIn("stripe", "server/stripe/")] }] },
  },
  {
    files: ["server/storage/**"],
    rules: { "no-restricted-imports": ["error", { paths: [sdkOnlyIn("stripe", "server/stripe/"), sdkOnlyIn("resend", "server/mail/")] }] },
  },
  {
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [sdkOnlyIn("stripe", "server/stripe/"), sdkOnlyIn("resend", "server/mail/"), { name: "@/server/db", message: "Routes call a server/<domain> function; they never query the database themselves." }],
          patterns: [{ group: ["@prisma/*", "@/server/generated/*"], message: "Routes never touch Prisma; call a server/<domain> function." }],
        },
      ],
    },
  },
  {
    files: ["emails/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/server/*", "../server/*"], message: "Templates are pure: they receive ready-made URLs and text as props." }] }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Templates read no environment; pass values as props." }],
    },
  },
  {
    files: ["app/**", "server/**", "emails/**"],
    ignores: ["server/env.ts"],
    rules: { "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through getEnv() in server/env.ts." }] },
  },
);
