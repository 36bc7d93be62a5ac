// `npm run keys:generate`: makes the Ed25519 key pair that signs license certificates.
// The private half goes in the server's environment (LICENSE_SIGNING_KEY); the public half goes
// into the seller's app, beside verifier/verify-license-certificate.ts. Nothing is written to disk
// unless --out names a directory.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const { publicKey, privateKey } = crypto.generateKeyPairSync("ed25519");
const privateBase64 = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();

const outIndex = process.argv.indexOf("--out");
if (outIndex !== -1) {
  const dir = path.resolve(process.argv[outIndex + 1] ?? ".");
  const secretFile = path.join(dir, "license-signing-key.txt");
  const publicFile = path.join(dir, "license-public-key.pem");
  const existing = [secretFile, publicFile].filter((file) => fs.existsSync(file));
  if (existing.length) {
    // Overwriting the pair would orphan every certificate already issued: refuse, and say so.
    console.error(`${existing.join(" and ")} already exist${existing.length === 1 ? "s" : ""}; a new pair would not verify certificates signed with the old one. Choose another --out directory.`);
    process.exit(1);
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(secretFile, `${privateBase64}\n`, { mode: 0o600 });
  fs.writeFileSync(publicFile, publicPem);
  console.log(`Wrote ${secretFile} (secret: its contents are the LICENSE_SIGNING_KEY value) and ${publicFile} (public).`);
} else {
  console.log("# Server environment (keep secret; signs license certificates):");
  console.log(`LICENSE_SIGNING_KEY=${privateBase64}`);
  console.log("");
  console.log("# Public key: embed it in your app to verify certificates offline (also served at /api/licenses/public-key):");
  process.stdout.write(publicPem);
}
