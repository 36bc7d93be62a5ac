// Product files in a folder on local disk (STORAGE_DIR); no path ever resolves outside it.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { resolveInsideRoot } from "@/server/catalog/parse-catalog";
import type { ByteRange, Storage, StoredFile } from "@/server/storage/storage";

export class LocalStorage implements Storage {
  readonly kind = "local" as const;
  readonly checksAtStart = true;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Resolves a catalog path to a real file inside the root, following symlinks; null otherwise. */
  private resolve(relativePath: string): string | null {
    const candidate = resolveInsideRoot(this.root, relativePath);
    if (!candidate) return null;
    try {
      const real = fs.realpathSync(candidate);
      const realRoot = fs.realpathSync(this.root);
      return real.startsWith(realRoot + path.sep) ? real : null;
    } catch {
      return null;
    }
  }

  existsSync(relativePath: string): boolean {
    const file = this.resolve(relativePath);
    return file !== null && fs.statSync(file).isFile();
  }

  async stat(relativePath: string): Promise<StoredFile | null> {
    const file = this.resolve(relativePath);
    if (!file) return null;
    const stats = await fs.promises.stat(file);
    if (!stats.isFile()) return null;
    return { size: stats.size, modifiedAt: stats.mtime, etag: `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"` };
  }

  openStream(relativePath: string, range?: ByteRange): ReadableStream<Uint8Array> {
    const file = this.resolve(relativePath);
    if (!file) throw new Error(`storage: ${relativePath} is missing`);
    // Large chunks keep the per-chunk cost of the web stream bridge low.
    const stream = fs.createReadStream(file, { start: range?.start, end: range?.end, highWaterMark: 1024 * 1024 });
    return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  }
}
