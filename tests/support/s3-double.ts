// A local S3-compatible server (s3rver) with one bucket, for the storage tests: started on a free
// port over a temporary folder, with a client to put, delete and inspect objects behind the app.
import fs from "node:fs";
import path from "node:path";
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { freePort, tmpRoot } from "./test-app";

export type S3Double = {
  endpoint: string;
  bucket: string;
  /** The app's environment for this bucket (STORAGE=s3 and the S3_* variables). */
  env: Record<string, string>;
  client: S3Client;
  /** Every request the bucket received, as "METHOD /path?query". */
  requests: string[];
  put: (key: string, body: string | Buffer) => Promise<void>;
  remove: (key: string) => Promise<void>;
  /** Where s3rver keeps an object's bytes on disk (a test may grow it into a sparse file). */
  objectFile: (key: string) => string;
  close: () => Promise<void>;
};

export async function startS3Double(bucket = "products"): Promise<S3Double> {
  fs.mkdirSync(tmpRoot, { recursive: true });
  const directory = fs.mkdtempSync(path.join(tmpRoot, "s3-"));
  const port = await freePort();
  const server = new S3rver({ address: "127.0.0.1", port, directory, silent: true, vhostBuckets: false, configureBuckets: [{ name: bucket }] });
  await server.run();
  const requests: string[] = [];
  server.httpServer!.on("request", (request: { method?: string; url?: string }) => requests.push(`${request.method} ${request.url}`));
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver's fixed credentials: another access key id is refused with 403 (it does not check v4 signatures).
  const env = { STORAGE: "s3", S3_BUCKET: bucket, S3_REGION: "us-east-1", S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER", S3_FORCE_PATH_STYLE: "1" };
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return {
    endpoint,
    bucket,
    env,
    client,
    requests,
    put: async (key, body) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    remove: async (key) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    objectFile: (key) => {
      const parts = key.split("/");
      return path.join(directory, bucket, ...parts.slice(0, -1), `${parts.at(-1)}._S3rver_object`);
    },
    close: async () => {
      client.destroy();
      server.httpServer?.closeAllConnections();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
