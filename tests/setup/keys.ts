import type { Db } from "../../src/db/client.ts";
import { ApiKeyService } from "../../src/apiKey/apiKey.service.ts";

/** Creates one key per role directly in the database, as the keys CLI does; returns the secrets. */
export async function createKeys(db: Db) {
  const service = new ApiKeyService(db);
  const actor = { keyId: null, name: "test setup" };
  const make = async (role: "READER" | "EDITOR" | "ADMIN") => (await service.create(actor, `${role.toLowerCase()} key`, role)).key;
  return { reader: await make("READER"), editor: await make("EDITOR"), admin: await make("ADMIN") };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
