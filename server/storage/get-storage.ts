// Chooses where product files live, from the environment: a local folder (default) or a bucket.
import "server-only";
import { getEnv } from "@/server/env";
import { LocalStorage } from "@/server/storage/local-storage";
import { S3Storage } from "@/server/storage/s3-storage";
import type { Storage } from "@/server/storage/storage";

let storage: Storage | undefined;

export function getStorage(): Storage {
  storage ??= createStorage();
  return storage;
}

function createStorage(): Storage {
  const env = getEnv();
  if (env.STORAGE === "local") return new LocalStorage(env.STORAGE_DIR);
  return new S3Storage({
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  });
}
