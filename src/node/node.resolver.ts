import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";

import type { Context } from "../graphql/context.ts";
import { ForbiddenError, UnauthenticatedError, UserInputError } from "../shared/errors.ts";
import { ApiKeyRole } from "../apiKey/apiKey.type.ts";
import { boundedList } from "../schema/complexity.ts";
import { fromGlobalId } from "../shared/globalId.ts";
import { MAX_NODES, Node } from "./node.ts";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id (Relay); null when none exists." })
  node(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "A global id from any `id` field." }) id: string) {
    return loadNode(ctx, id, "id");
  }

  @Query(() => [Node], {
    nullable: "items",
    description: `Objects by global id, in the order first asked (at most ${MAX_NODES}). An id repeated in \`ids\` is answered once, at its first place.`,
    // Priced per distinct id: repeats are answered once.
    complexity: ({ args, childComplexity }) => boundedList(distinct(args.ids).length)({ childComplexity }),
  })
  nodes(@Ctx() ctx: Context, @Arg("ids", () => [ID], { description: "Global ids from any `id` fields." }) ids: string[]) {
    if (ids.length > MAX_NODES) throw new UserInputError(`"ids" lists ${ids.length} ids; the limit is ${MAX_NODES}`, "ids", { limit: MAX_NODES });
    // Repeats are dropped before loading: each would otherwise copy the whole selection into the response.
    // Compared decoded, since base64 admits several spellings of one id.
    const firstPlace = new Map<string, number>();
    ids.forEach((id, i) => {
      const { type, id: raw } = fromGlobalId(id, `ids[${i}]`);
      if (!firstPlace.has(`${type}:${raw}`)) firstPlace.set(`${type}:${raw}`, i);
    });
    return Promise.all([...firstPlace.values()].map((i) => loadNode(ctx, ids[i]!, `ids[${i}]`)));
  }
}

/** The distinct ids of a `nodes(ids:)` argument as the cost limit sees it (a single id coerces to a list). */
const distinct = (ids: unknown): unknown[] => (Array.isArray(ids) ? [...new Set(ids)] : ids == null ? [] : [ids]);

async function loadNode(ctx: Context, globalId: string, field: string) {
  const { type, id } = fromGlobalId(globalId, field);
  if (type === "AuditEvent") {
    // Readable by whoever may read auditEvents.
    if (!ctx.viewer) throw new UnauthenticatedError();
    if (ctx.viewer.role !== ApiKeyRole.ADMIN) throw new ForbiddenError("Audit events need an admin key");
  }
  const loaders = {
    Article: ctx.loaders.article,
    Source: ctx.loaders.source,
    Claim: ctx.loaders.claim,
    Appearance: ctx.loaders.appearance,
    Review: ctx.loaders.review,
    AuditEvent: ctx.loaders.audit,
  };
  const row = await loaders[type].byId.load(id);
  // Tag the row so Node.resolveType can tell the types apart.
  return row && { ...row, __typename: type };
}
