// LICENSE_SIGNING_KEY: every form `keys:generate` and a .env file can hold, and a clear error otherwise.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";

const base = { AUTH_SECRET: "x".repeat(40), NODE_ENV: "test" } as NodeJS.ProcessEnv;
const { privateKey } = crypto.generateKeyPairSync("ed25519");
const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();

describe("LICENSE_SIGNING_KEY", () => {
  it("is optional: no key, no certificates; empty lines copied from .env.example mean unset", () => {
    expect(parseEnv(base).licenseSigningKey).toBeNull();
    const empty = parseEnv({ ...base, LICENSE_SIGNING_KEY: "", LICENSE_CERTIFICATE_TTL_DAYS: "" });
    expect(empty.licenseSigningKey).toBeNull();
    expect(empty.LICENSE_CERTIFICATE_TTL_DAYS).toBeUndefined();
    expect(parseEnv({ ...base, LICENSE_CERTIFICATE_TTL_DAYS: "30" }).LICENSE_CERTIFICATE_TTL_DAYS).toBe(30);
  });

  it("accepts base64 DER, PEM, PEM with escaped newlines, and base64 of a PEM", () => {
    const forms = [
      privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
      pem,
      pem.replace(/\n/g, "\\n"),
      Buffer.from(pem).toString("base64"),
    ];
    for (const form of forms) {
      const key = parseEnv({ ...base, LICENSE_SIGNING_KEY: form }).licenseSigningKey!;
      expect(key.asymmetricKeyType).toBe("ed25519");
      expect(crypto.createPublicKey(key).export({ type: "spki", format: "pem" })).toEqual(crypto.createPublicKey(privateKey).export({ type: "spki", format: "pem" }));
    }
  });

  it("refuses anything else, naming the variable and how to make one", () => {
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => parseEnv({ ...base, LICENSE_SIGNING_KEY: rsa })).toThrow(/LICENSE_SIGNING_KEY must be an Ed25519 private key, not rsa.*keys:generate/);
    expect(() => parseEnv({ ...base, LICENSE_SIGNING_KEY: "not a key" })).toThrow(/LICENSE_SIGNING_KEY is not a private key/);
  });
});

describe("npm run keys:generate", () => {
  it("prints a LICENSE_SIGNING_KEY line the app accepts, and the public key that matches it", () => {
    const output = execFileSync(process.execPath, [path.resolve(import.meta.dirname, "../../../scripts/keys-generate.mjs")], { encoding: "utf8" });
    const secret = /^LICENSE_SIGNING_KEY=(\S+)$/m.exec(output)![1]!;
    const publicPem = output.slice(output.indexOf("-----BEGIN PUBLIC KEY-----"));
    const key = parseEnv({ ...base, LICENSE_SIGNING_KEY: secret }).licenseSigningKey!;
    expect(crypto.createPublicKey(key).export({ type: "spki", format: "pem" })).toBe(publicPem);
  });
});
