import { defineConfig } from "vitest/config";

export default defineConfig({
  // Production runs under tsx (esbuild), which emits no decorator metadata;
  // tests transform the same way, so a missing explicit type fails here too.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: false } },
  resolve: {
    // One copy of graphql: type-graphql and Apollo load the CommonJS build, so ESM imports must too.
    alias: { graphql: "graphql/index.js" },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/globalSetup.ts"],
    setupFiles: ["tests/setup/reflect.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files run in parallel, each on its own copy of the template database.
    fileParallelism: true,
  },
});
