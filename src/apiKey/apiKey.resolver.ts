import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";

import type { Context } from "../graphql/context.ts";
import { ApiKey, ApiKeyRole, CreateApiKeyPayload } from "./apiKey.type.ts";

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(ApiKeyRole.ADMIN)
  @Query(() => [ApiKey], { description: "Every API key, revoked ones included (never their secrets). Needs admin." })
  apiKeys(@Ctx() ctx: Context) {
    return ctx.services.apiKey.list();
  }

  @Authorized(ApiKeyRole.ADMIN)
  @Mutation(() => CreateApiKeyPayload, { description: "Creates an API key; the secret is in the payload, once. Needs admin." })
  createApiKey(
    @Ctx() ctx: Context,
    @Arg("name", () => String, { description: "Who or what the key is for (1–100 characters)." }) name: string,
    @Arg("role", () => ApiKeyRole, { description: "What it may do." }) role: ApiKeyRole,
  ) {
    return ctx.services.apiKey.create(ctx.viewer, name, role);
  }

  @Authorized(ApiKeyRole.ADMIN)
  @Mutation(() => ApiKey, { description: "Revokes an API key at once. Needs admin." })
  revokeApiKey(@Ctx() ctx: Context, @Arg("id", () => String, { description: "The key's id." }) id: string) {
    return ctx.services.apiKey.revoke(ctx.viewer, id);
  }
}
