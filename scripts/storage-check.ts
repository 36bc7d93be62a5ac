// `npm run storage:check`: lists every catalog file missing from the configured storage (exit 1 if any).
// Thin: reads the same .env files as the server, then calls server/storage.
import { loadEnvConfig } from "@next/env";

async function main(): Promise<number> {
  loadEnvConfig(process.cwd());
  // Imported after the environment is loaded: server/env.ts reads it once.
  const { getEnv } = await import("@/server/env");
  const { checkCatalogFiles, formatCatalogFilesReport } = await import("@/server/storage/check-catalog-files");
  try {
    const env = getEnv();
    const report = await checkCatalogFiles();
    const where = env.STORAGE === "s3" ? `bucket ${env.S3_BUCKET}${env.S3_ENDPOINT ? ` at ${env.S3_ENDPOINT}` : ""}` : `folder ${env.STORAGE_DIR}`;
    console.log(formatCatalogFilesReport(report, where));
    return report.missing.length ? 1 : 0;
  } catch (error) {
    console.error(`Storage check stopped: ${(error as Error).message}`);
    return 2;
  }
}

main().then((code) => process.exit(code));
