import "reflect-metadata";

import { parseArgs } from "node:util";

import { createDb } from "../db/client.ts";
import { parseDatabaseUrl } from "../db/databaseUrl.ts";
import { migrate } from "../db/migrate.ts";
import { ApiKeyRole } from "../generated/prisma/enums.ts";
import { ApiKeyService } from "./apiKey.service.ts";

// npm run keys -- create --role editor --name "desk"   prints the key once
// npm run keys -- list
// npm run keys -- revoke <id>
const USAGE = `usage:
  npm run keys -- create --role reader|editor|admin --name "<who it is for>"
  npm run keys -- list
  npm run keys -- revoke <key id>`;

// The CLI has direct database access, so it acts as itself in the audit trail.
const CLI_ACTOR = { keyId: null, name: "keys CLI" };

function parseCommand() {
  try {
    return parseArgs({ allowPositionals: true, options: { role: { type: "string" }, name: { type: "string" } } });
  } catch (error) {
    // parseArgs names the bad flag; the usage says what is accepted.
    throw new Error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
}

async function main() {
  const { positionals, values } = parseCommand();
  const [command, id] = positionals;
  const target = parseDatabaseUrl();
  await migrate(target);
  const db = await createDb(target);
  const keys = new ApiKeyService(db);
  try {
    if (command === "create") {
      const role = values.role?.toUpperCase() as ApiKeyRole | undefined;
      if (!role || !Object.values(ApiKeyRole).includes(role) || !values.name) throw new Error(USAGE);
      const { apiKey, key } = await keys.create(CLI_ACTOR, values.name, role);
      console.log(`created ${apiKey.role.toLowerCase()} key "${apiKey.name}" (id ${apiKey.id})`);
      console.log("key (shown once, store it now):");
      console.log(key);
    } else if (command === "list") {
      for (const k of await keys.list()) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active";
        console.log(`${k.id}  ${k.role.toLowerCase().padEnd(6)}  ${k.prefix}…  ${state.padEnd(32)}  ${k.name}`);
      }
    } else if (command === "revoke" && id) {
      const k = await keys.revoke(CLI_ACTOR, id);
      console.log(`revoked "${k.name}" (${k.id})`);
    } else {
      throw new Error(USAGE);
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
