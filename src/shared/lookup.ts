import { UserInputError } from "./errors.ts";
import { expectGlobalId, type NodeTypeName } from "./globalId.ts";

/** For `article(id:, slug:)`-style fields: exactly one of the two must be given. */
export function idOrSlug(
  type: NodeTypeName,
  id: string | null | undefined,
  slug: string | null | undefined,
): { by: "id"; value: string } | { by: "slug"; value: string } {
  if ((id == null) === (slug == null)) throw new UserInputError("Pass exactly one of id or slug", id == null ? "id" : "slug");
  return id != null ? { by: "id", value: expectGlobalId(id, type, "id") } : { by: "slug", value: slug! };
}
