import type { AuthChecker } from "type-graphql";

import { ApiKeyRole } from "../generated/prisma/enums.ts";
import { ForbiddenError, UnauthenticatedError } from "../shared/errors.ts";

/** Who is calling: the API key's id, name and role; null for anonymous callers. */
export type Viewer = { keyId: string; name: string; role: ApiKeyRole } | null;

const RANK: Record<ApiKeyRole, number> = { READER: 1, EDITOR: 2, ADMIN: 3 };

export function hasRole(viewer: Viewer, role: ApiKeyRole): boolean {
  return viewer !== null && RANK[viewer.role] >= RANK[role];
}

/** type-graphql's @Authorized(role): no key is UNAUTHENTICATED, too low a role is FORBIDDEN. */
export const authChecker: AuthChecker<{ viewer: Viewer }, ApiKeyRole> = ({ context, info }, roles) => {
  const needed = roles.length ? roles.reduce((min, role) => (RANK[role] < RANK[min] ? role : min)) : ApiKeyRole.READER;
  if (!context.viewer) throw new UnauthenticatedError();
  if (!hasRole(context.viewer, needed)) {
    throw new ForbiddenError(`"${info.fieldName}" needs the ${needed.toLowerCase()} role; this key is ${context.viewer.role.toLowerCase()}`);
  }
  return true;
};

/** Parses `Authorization: Bearer <key>`; undefined when the header is absent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthenticatedError("The Authorization header must be `Bearer <key>`");
  return match[1];
}
