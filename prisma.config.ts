import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file: migrations run through src/db/migrate.ts,
// because the CLI's migrate commands need a schema-engine binary we cannot download.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
