import { UserInputError } from "./errors.ts";
import { unstorableText } from "./text.ts";

// Relay global ids: base64url("Type:rawId"). Opaque to clients, decodable here.
export type NodeTypeName = "Article" | "Source" | "Claim" | "Appearance" | "Review" | "AuditEvent";
const NODE_TYPES: ReadonlySet<string> = new Set<NodeTypeName>(["Article", "Source", "Claim", "Appearance", "Review", "AuditEvent"]);

export function toGlobalId(type: NodeTypeName, id: string): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

/** Decodes a global id; throws BAD_USER_INPUT naming `field` when it is malformed. */
export function fromGlobalId(globalId: string, field: string): { type: NodeTypeName; id: string } {
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(globalId) ? Buffer.from(globalId, "base64url").toString("utf8") : "";
  const sep = decoded.indexOf(":");
  const type = decoded.slice(0, sep);
  const id = decoded.slice(sep + 1);
  if (sep < 1 || !NODE_TYPES.has(type) || !id || unstorableText(id) !== null) {
    throw new UserInputError(`"${field}" is not a valid claimgraph id`, field);
  }
  return { type: type as NodeTypeName, id };
}

/** Decodes a global id that must be of `type`. */
export function expectGlobalId(globalId: string, type: NodeTypeName, field: string): string {
  const decoded = fromGlobalId(globalId, field);
  if (decoded.type !== type) throw new UserInputError(`"${field}" is a ${decoded.type} id, expected a ${type} id`, field);
  return decoded.id;
}
