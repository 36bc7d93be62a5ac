// Product files in an S3-compatible bucket (AWS S3, R2, MinIO, B2...): keys are the catalog paths.
import "server-only";
import fs from "node:fs";
import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { resolveInsideRoot } from "@/server/catalog/parse-catalog";
import type { ByteRange, PresignDownloadOptions, Storage, StoredFile } from "@/server/storage/storage";

export type S3StorageOptions = {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
};

// Parts of at least 16 MB, four at a time: a file uploads in about 64 MB of memory. S3 takes at most
// 10,000 parts, so files over 160 GB get larger parts.
const MIN_PART_SIZE = 16 * 1024 * 1024;
const MAX_PARTS = 10_000;

export class S3Storage implements Storage {
  readonly kind = "s3" as const;
  readonly checksAtStart = false;
  readonly bucket: string;
  private readonly client: S3Client;

  constructor({ bucket, region, endpoint, accessKeyId, secretAccessKey, forcePathStyle }: S3StorageOptions) {
    this.bucket = bucket;
    this.client = new S3Client({
      region,
      endpoint,
      forcePathStyle,
      // Without keys the SDK's own chain applies (instance role, AWS_PROFILE...).
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      // Checksums only where S3 requires them: several S3-compatible stores refuse the SDK's
      // default aws-chunked uploads with trailing checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  /** The object key for a catalog path; the same rule as local storage, so no path can escape. */
  private key(relativePath: string): string {
    if (!resolveInsideRoot("/bucket", relativePath)) throw new Error(`storage: ${relativePath} is not a valid catalog path`);
    return relativePath;
  }

  existsSync(): boolean {
    throw new Error("storage: a bucket cannot be checked synchronously; use stat() or `npm run storage:check`.");
  }

  async stat(relativePath: string): Promise<StoredFile | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(relativePath) }));
      return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? null, etag: head.ETag ?? null };
    } catch (error) {
      if (!(error instanceof S3ServiceException)) throw error;
      if (error.$metadata.httpStatusCode === 404 || error.name === "NotFound" || error.name === "NoSuchKey") return null;
      // S3 answers 403, not 404, for a missing object when the credentials may not list the bucket.
      if (error.$metadata.httpStatusCode === 403) {
        throw new Error(`storage: bucket ${this.bucket} refused to say whether ${relativePath} exists (403). Give these credentials s3:GetObject and s3:ListBucket on it.`, { cause: error });
      }
      throw error;
    }
  }

  /** Streams from the bucket; the object is requested on the first read, then read as it is consumed. */
  openStream(relativePath: string, range?: ByteRange): ReadableStream<Uint8Array> {
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: this.key(relativePath), Range: range ? `bytes=${range.start}-${range.end}` : undefined });
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (!reader) {
          const object = await this.client.send(command);
          if (!object.Body) throw new Error(`storage: ${relativePath} came back without a body`);
          reader = object.Body.transformToWebStream().getReader();
        }
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader?.cancel(reason),
    });
  }

  /** A GET URL signed for this one object, with the buyer's file name; S3 serves the bytes and Range. */
  presignDownload({ path, contentDisposition, contentType, expiresInSeconds }: PresignDownloadOptions): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.key(path),
      ResponseContentDisposition: contentDisposition,
      ResponseContentType: contentType,
    });
    return getSignedUrl(this.client, command, { expiresIn: expiresInSeconds });
  }

  /** Uploads a local file in parts read from disk as they go, so its size never matters (up to S3's 5 TB). */
  async uploadFile({ path, localFile, contentType }: { path: string; localFile: string; contentType?: string }): Promise<void> {
    const { size } = await fs.promises.stat(localFile);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.key(path), Body: fs.createReadStream(localFile, { highWaterMark: 1024 * 1024 }), ContentType: contentType },
      partSize: Math.max(MIN_PART_SIZE, Math.ceil(size / MAX_PARTS)),
      queueSize: 4,
    });
    await upload.done();
  }
}
