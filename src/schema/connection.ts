import { ArgsType, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { ClassType } from "type-graphql";

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../db/pages.ts";

// The GraphQL side of Relay connections: paging arguments, PageInfo, and the
// `<Name>Connection`/`<Name>Edge` types. Cursors and page reading are in src/db/pages.ts.

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Return the first n items after \`after\` (1–${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return items after this cursor." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Return the last n items before \`before\` (1–${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Return items before this cursor." })
  before?: string | null;
}

@ObjectType({ description: "Relay page information." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when more items follow this page (forward pagination)." })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: "True when more items precede this page (backward pagination)." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge." })
  endCursor: string | null;
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string, noun: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name}Connection.` })
  class EdgeType {
    @Field(() => String, { description: "Opaque keyset cursor for this edge." })
    cursor: string;

    @Field(() => nodeType, { description: `The ${noun} at this edge.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${noun}s (Relay cursor connection).` })
  class ConnectionTypeClass {
    @Field(() => [EdgeType], { description: "The edges of this page." })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: "Where this page sits in the whole list." })
    pageInfo: PageInfo;

    @Field(() => Int, { description: `Number of ${noun}s matching the filter across all pages. Counted only when selected.` })
    totalCount: number;
  }

  lazyTotalCount(ConnectionTypeClass);
  // The edge type too, for mutation payloads that hand clients an edge to insert into their cached lists.
  return Object.assign(ConnectionTypeClass, { Edge: EdgeType });
}

/**
 * Resolves `totalCount` of a connection type by calling the connection's
 * `totalCount()`: counting is a separate query, run only when a client selects it.
 */
export function lazyTotalCount(connectionType: ClassType) {
  @Resolver(() => connectionType)
  class TotalCountResolver {
    @FieldResolver(() => Int)
    totalCount(@Root() connection: { totalCount: () => Promise<number> }) {
      return connection.totalCount();
    }
  }
  connectionResolvers.push(TotalCountResolver);
}

/** Resolvers the connection types need; schema.ts registers them. */
export const connectionResolvers: ClassType[] = [];
