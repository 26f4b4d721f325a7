import { Field, ID, InterfaceType } from "type-graphql";

@InterfaceType("Node", {
  description: "An object with a global id, refetchable through `node(id:)` (Relay).",
  // Resolvers tag rows with their type name; Prisma rows are plain objects, not class instances.
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: "Global, opaque id. Stable across backends." })
  id: string;
}

/** The most ids `nodes` takes; NodeResolver refuses more, and the planner leaves such a request to it. */
export const MAX_NODES = 100;
