// The one small interface every place that holds product files implements.
export type StoredFile = { size: number; modifiedAt: Date | null; etag: string | null };

export type ByteRange = { start: number; end: number }; // inclusive, like HTTP

export type PresignDownloadOptions = {
  path: string;
  /** The Content-Disposition the buyer's browser receives: the file name to save under. */
  contentDisposition: string;
  contentType: string;
  expiresInSeconds: number;
};

export interface Storage {
  readonly kind: "local" | "s3";
  /** Local storage can check every catalog file at start; a bucket is checked by `npm run storage:check`. */
  readonly checksAtStart: boolean;
  existsSync(relativePath: string): boolean;
  /** The file's size, or null when it is missing (or outside the root). */
  stat(relativePath: string): Promise<StoredFile | null>;
  /** Streams the file (or one range of it) without reading it whole into memory. */
  openStream(relativePath: string, range?: ByteRange): ReadableStream<Uint8Array>;
  /** A short-lived URL the buyer's browser can fetch directly; only object storage has one. */
  presignDownload?(options: PresignDownloadOptions): Promise<string>;
}
