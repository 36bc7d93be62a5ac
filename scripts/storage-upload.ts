// `npm run storage:upload -- --from ./storage`: uploads the catalog's files to the S3 bucket (STORAGE=s3).
// Thin: reads the same .env files as the server, then calls server/storage.
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";

async function main(): Promise<number> {
  loadEnvConfig(process.cwd());
  const { values } = parseArgs({ options: { from: { type: "string", default: "./storage" } } });
  // Imported after the environment is loaded: server/env.ts reads it once.
  const { uploadCatalogFiles } = await import("@/server/storage/upload-catalog-files");
  try {
    const report = await uploadCatalogFiles({ from: values.from!, onProgress: (line) => console.log(line) });
    console.log(`Uploaded ${report.uploaded.length}, already there ${report.skipped.length}, missing in ${values.from} ${report.missingLocally.length}.`);
    return report.missingLocally.length ? 1 : 0;
  } catch (error) {
    console.error(`Upload stopped: ${(error as Error).message}`);
    return 2;
  }
}

main().then((code) => process.exit(code));
