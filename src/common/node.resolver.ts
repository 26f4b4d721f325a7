import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";

import type { Context } from "../context.ts";
import { UserInputError } from "./errors.ts";
import { fromGlobalId } from "./globalId.ts";
import { Node } from "./node.ts";

const MAX_NODES = 100;

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id (Relay); null when none exists." })
  node(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "A global id from any `id` field." }) id: string) {
    return loadNode(ctx, id, "id");
  }

  @Query(() => [Node], { nullable: "items", description: `Objects by global id, in the order asked (at most ${MAX_NODES}).` })
  nodes(@Ctx() ctx: Context, @Arg("ids", () => [ID], { description: "Global ids from any `id` fields." }) ids: string[]) {
    if (ids.length > MAX_NODES) throw new UserInputError(`"ids" lists ${ids.length} ids; the limit is ${MAX_NODES}`, "ids", { limit: MAX_NODES });
    return Promise.all(ids.map((id, i) => loadNode(ctx, id, `ids[${i}]`)));
  }
}

async function loadNode(ctx: Context, globalId: string, field: string) {
  const { type, id } = fromGlobalId(globalId, field);
  const loaders = { Article: ctx.loaders.article, Source: ctx.loaders.source, Claim: ctx.loaders.claim, Appearance: ctx.loaders.appearance };
  const row = await loaders[type].byId.load(id);
  // Tag the row so Node.resolveType can tell the types apart.
  return row && { ...row, __typename: type };
}
