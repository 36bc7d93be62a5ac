// Chooses where product files live, from the environment.
import "server-only";
import { getEnv } from "@/server/env";
import { LocalStorage } from "@/server/storage/local-storage";
import type { Storage } from "@/server/storage/storage";

let storage: Storage | undefined;

export function getStorage(): Storage {
  storage ??= new LocalStorage(getEnv().STORAGE_DIR);
  return storage;
}
