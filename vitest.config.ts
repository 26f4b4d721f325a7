import { defineConfig } from "vitest/config";

// Two projects run the same suites: SQLite (everything) and PostgreSQL (the
// HTTP and client suites, the services and the backend's own checks).
const POSTGRES_SUITES = [
  "tests/http/**/*.test.ts",
  "tests/clients/**/*.test.ts",
  "tests/**/*.service.test.ts",
  "tests/server.test.ts",
  "tests/db/indexes.test.ts",
  "tests/db/driverReader.test.ts",
  "tests/crash.test.ts",
  "tests/**/*.postgresql.test.ts",
  "tests/plan/**/*.test.ts",
];

export default defineConfig({
  // Production runs the tsc build with decorator metadata off (tsconfig.build.json), as tsx does;
  // tests transform the same way, so a missing explicit type fails here too.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: false } },
  resolve: {
    // One copy of graphql: type-graphql and Apollo load the CommonJS build, so ESM imports must too.
    // Exact match only: deep imports (graphql/execution/collectFields.js) are already the CommonJS files.
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    globalSetup: ["tests/setup/globalSetup.ts"],
    setupFiles: ["tests/setup/reflect.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "sqlite", include: ["tests/**/*.test.ts"], exclude: ["tests/**/*.postgresql.test.ts"], env: { TEST_BACKEND: "sqlite" } },
      },
      {
        extends: true,
        test: { name: "postgresql", include: POSTGRES_SUITES, env: { TEST_BACKEND: "postgresql" } },
      },
    ],
  },
});
