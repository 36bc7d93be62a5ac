// `npm run storage:check`: does every file the catalog names exist in the configured storage?
import "server-only";
import { getStorage } from "@/server/storage/get-storage";
import { readCatalogFiles, type CatalogFileRef } from "@/server/storage/read-catalog-files";

export type CatalogFilesReport = {
  storage: "local" | "s3";
  present: Array<CatalogFileRef & { size: number }>;
  missing: CatalogFileRef[];
};

/** Looks each catalog file up (four at a time): what is there, with its size, and what is missing. */
export async function checkCatalogFiles(): Promise<CatalogFilesReport> {
  const storage = getStorage();
  const files = readCatalogFiles();
  const report: CatalogFilesReport = { storage: storage.kind, present: [], missing: [] };
  for (let index = 0; index < files.length; index += 4) {
    const slice = files.slice(index, index + 4);
    const stats = await Promise.all(slice.map((file) => storage.stat(file.path)));
    slice.forEach((file, offset) => {
      const stored = stats[offset];
      if (stored) report.present.push({ ...file, size: stored.size });
      else report.missing.push(file);
    });
  }
  return report;
}

export function formatCatalogFilesReport(report: CatalogFilesReport, where: string): string {
  const lines = [`Checked ${report.present.length + report.missing.length} catalog files in ${where}.`];
  if (!report.missing.length) return [...lines, "All present."].join("\n");
  lines.push(`${report.missing.length} missing:`);
  for (const file of report.missing) lines.push(`  ${file.path}  (product "${file.product}")`);
  lines.push(report.storage === "s3" ? "Upload them with `npm run storage:upload -- --from <folder>`, or fix the paths in the catalog." : "Put them under STORAGE_DIR, or fix the paths in the catalog.");
  return lines.join("\n");
}
