import { createHash, randomBytes } from "node:crypto";

import type { Db } from "../db/client.ts";
import type { ApiKey as ApiKeyRow } from "../generated/prisma/client.ts";
import { ApiKeyRole } from "../generated/prisma/enums.ts";
import { recordAudit, type Actor } from "../audit/audit.service.ts";
import { NotFoundError, UserInputError } from "../shared/errors.ts";
import { inTransaction } from "../db/transaction.ts";

export type { ApiKeyRow };

const KEY_PREFIX = "cg_";

// 32 random bytes: 256 bits, far beyond guessing; SHA-256 suffices for storage
// because the input is high-entropy (no password stretching needed).
export const hashKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

export class ApiKeyService {
  constructor(private readonly db: Db) {}

  /** Creates a key; the returned secret is never stored. */
  async create(actor: Actor, name: string, role: ApiKeyRole): Promise<{ apiKey: ApiKeyRow; key: string }> {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 100) throw new UserInputError("name must be 1 to 100 characters", "name");
    if (!Object.values(ApiKeyRole).includes(role)) throw new UserInputError(`role must be one of ${Object.values(ApiKeyRole).join(", ")}`, "role");
    const key = KEY_PREFIX + randomBytes(32).toString("base64url");
    return inTransaction(this.db, async (tx) => {
      const apiKey = await tx.apiKey.create({ data: { name: trimmed, role, hash: hashKey(key), prefix: key.slice(0, 10) } });
      await recordAudit(tx, actor, "createApiKey", [{ type: "ApiKey", id: apiKey.id }]);
      return { apiKey, key };
    });
  }

  list(): Promise<ApiKeyRow[]> {
    return this.db.apiKey.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  }

  /** Revokes a key; revoking twice keeps the first revocation time. */
  async revoke(actor: Actor, id: string): Promise<ApiKeyRow> {
    return inTransaction(this.db, async (tx) => {
      const existing = await tx.apiKey.findUnique({ where: { id } });
      if (!existing) throw new NotFoundError(`No API key with id "${id}"`, "id");
      if (existing.revokedAt) return existing;
      const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
      await recordAudit(tx, actor, "revokeApiKey", [{ type: "ApiKey", id }]);
      return revoked;
    });
  }

  /** The live key a bearer token belongs to, or null. */
  async authenticate(token: string): Promise<ApiKeyRow | null> {
    if (!token.startsWith(KEY_PREFIX) || token.length > 200) return null;
    const key = await this.db.apiKey.findUnique({ where: { hash: hashKey(token) } });
    return key && !key.revokedAt ? key : null;
  }
}
