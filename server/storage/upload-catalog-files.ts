// `npm run storage:upload -- --from ./storage`: puts the catalog's files from a local folder into the bucket.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { resolveInsideRoot } from "@/server/catalog/parse-catalog";
import { contentTypeFor } from "@/server/downloads/http-headers";
import { getStorage } from "@/server/storage/get-storage";
import { S3Storage } from "@/server/storage/s3-storage";
import { readCatalogFiles } from "@/server/storage/read-catalog-files";

export type UploadCatalogFilesOptions = { from: string; onProgress?: (line: string) => void };
export type UploadReport = { uploaded: string[]; skipped: string[]; missingLocally: string[] };

/**
 * Uploads each catalog file found under `from` unless the bucket already holds an object of the
 * same size, so running it again after a partial run only sends what is left. Streamed in parts.
 */
export async function uploadCatalogFiles({ from, onProgress = () => {} }: UploadCatalogFilesOptions): Promise<UploadReport> {
  const storage = getStorage();
  if (!(storage instanceof S3Storage)) throw new Error("STORAGE is not s3: set STORAGE=s3 and the S3_* variables of the bucket to upload to.");
  const report: UploadReport = { uploaded: [], skipped: [], missingLocally: [] };
  for (const file of readCatalogFiles()) {
    const localFile = resolveInsideRoot(path.resolve(from), file.path);
    const local = localFile ? fs.statSync(localFile, { throwIfNoEntry: false }) : undefined;
    if (!localFile || !local?.isFile()) {
      report.missingLocally.push(file.path);
      onProgress(`missing here: ${file.path}`);
      continue;
    }
    const remote = await storage.stat(file.path);
    if (remote && remote.size === local.size) {
      report.skipped.push(file.path);
      onProgress(`already there: ${file.path}`);
      continue;
    }
    await storage.uploadFile({ path: file.path, localFile, contentType: contentTypeFor(file.name) });
    report.uploaded.push(file.path);
    onProgress(`uploaded: ${file.path} (${local.size} bytes)`);
  }
  return report;
}
