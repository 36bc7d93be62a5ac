// Two Vitest projects: unit (pure functions, in-process) and integration (the built app over HTTP).
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Next enforces server-only at build time; in unit tests the guard itself has nothing to guard.
  "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-noop.ts"),
};

export default defineConfig({
  test: {
    projects: [
      // Generous timeouts: the first import of the Prisma client is slow on a busy machine.
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", testTimeout: 30_000, hookTimeout: 60_000 } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // On PostgreSQL runs, drops the schemas the run's apps made.
          globalSetup: ["tests/support/postgres-schemas.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file starts its own production server; two at a time fit this machine's 2 cores.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
