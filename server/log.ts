// Structured JSON logs, one line per event, so a seller can grep by order or event id.
import "server-only";
import { getEnv } from "@/server/env";

const rank = { info: 0, warn: 1, error: 2, silent: 3 } as const;

function threshold(): number {
  try {
    return rank[getEnv().LOG_LEVEL];
  } catch {
    return 0; // a bad environment must still be reported
  }
}

type Fields = Record<string, unknown>;

function serialize(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) out[key] = { name: value.name, message: value.message };
    else if (typeof value === "bigint") out[key] = Number(value);
    else out[key] = value;
  }
  return out;
}

function write(level: "info" | "warn" | "error", event: string, fields: Fields): void {
  if (rank[level] < threshold()) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), event, ...serialize(fields) });
  if (level === "error") console.error(line);
  else console.log(line);
}

export const log = {
  info: (event: string, fields: Fields = {}) => write("info", event, fields),
  warn: (event: string, fields: Fields = {}) => write("warn", event, fields),
  error: (event: string, fields: Fields = {}) => write("error", event, fields),
};
