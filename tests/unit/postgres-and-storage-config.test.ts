// The scale path's configuration: the PostgreSQL URL's schema and pool settings, and STORAGE=s3.
import { describe, expect, it } from "vitest";
import { parsePostgresUrl, postgresPoolConfig } from "@/server/database/create-postgres-adapter";
import { parseEnv } from "@/server/env";

describe("parsePostgresUrl", () => {
  it("takes Prisma's ?schema= off the URL and keeps everything else", () => {
    const target = parsePostgresUrl("postgresql://shop:s%40cret@db.internal:6432/shop?schema=handoff&sslmode=verify-full");
    expect(target.schema).toBe("handoff");
    expect(target.connectionString).toBe("postgresql://shop:s%40cret@db.internal:6432/shop?sslmode=verify-full");
  });
  it("uses public without a schema", () => {
    expect(parsePostgresUrl("postgres://localhost/shop").schema).toBe("public");
  });
  it("refuses a schema name that would need quoting", () => {
    expect(() => parsePostgresUrl("postgresql://localhost/shop?schema=Shop-1")).toThrow(/DATABASE_URL: the schema "Shop-1"/);
    expect(() => parsePostgresUrl('postgresql://localhost/shop?schema=x";drop')).toThrow(/lower-case letters/);
  });
});

describe("postgresPoolConfig", () => {
  const config = postgresPoolConfig(parsePostgresUrl("postgresql://shop:pw@db:5433/shop?schema=t_one&options=-c%20statement_timeout%3D5000"), 7);
  it("pins the search path to the schema, beside options the URL already had", () => {
    expect(config.options).toBe("-c statement_timeout=5000 -c search_path=t_one");
  });
  it("sends no start-up options for the public schema", () => {
    expect(postgresPoolConfig(parsePostgresUrl("postgresql://db/shop")).options).toBeUndefined();
  });
  it("holds separate fields, never a connection string that would override the database", () => {
    expect(config).not.toHaveProperty("connectionString");
    expect(config).toMatchObject({ host: "db", port: 5433, user: "shop", password: "pw", database: "shop", max: 7 });
    // What the schema engine does for its shadow database: the database must change.
    expect({ ...config, database: "shadow" }.database).toBe("shadow");
  });
});

describe("STORAGE=s3", () => {
  const base = { NODE_ENV: "test", AUTH_SECRET: "x".repeat(32) } as NodeJS.ProcessEnv;
  it("needs a bucket", () => {
    expect(() => parseEnv({ ...base, STORAGE: "s3" })).toThrow(/S3_BUCKET is not set/);
  });
  it("takes both keys or neither", () => {
    expect(() => parseEnv({ ...base, STORAGE: "s3", S3_BUCKET: "files", S3_ACCESS_KEY_ID: "key" })).toThrow(/go together/);
    expect(parseEnv({ ...base, STORAGE: "s3", S3_BUCKET: "files" })).toMatchObject({ STORAGE: "s3", S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: false });
  });
  it("names the variable of a bad value", () => {
    expect(() => parseEnv({ ...base, STORAGE: "ftp" })).toThrow(/STORAGE: must be "local"/);
    expect(() => parseEnv({ ...base, STORAGE: "s3", S3_BUCKET: "files", S3_ENDPOINT: "not a url" })).toThrow(/S3_ENDPOINT/);
  });
});
