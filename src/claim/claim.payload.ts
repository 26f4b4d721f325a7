import { Field, ID, ObjectType } from "type-graphql";

import { Appearance } from "../appearance/appearance.type.ts";
import { Claim, ClaimConnection } from "./claim.type.ts";

@ObjectType({ description: "The result of createClaim or updateClaim." })
export class ClaimPayload {
  @Field(() => Claim, { description: "The claim as it is now." })
  claim: Claim;

  @Field(() => ClaimConnection.Edge, {
    description: "The claim as an edge of `claims` in its default order (claimedAt, oldest first), for clients to insert into a cached list.",
  })
  claimEdge: InstanceType<typeof ClaimConnection.Edge>;
}

@ObjectType({ description: "What deleteClaim removed." })
export class DeleteClaimPayload {
  @Field(() => ID, { description: "The deleted claim." })
  deletedClaimId: string;

  @Field(() => [ID], { description: "Its appearances, deleted with it." })
  deletedAppearanceIds: string[];
}

@ObjectType({ description: "The result of addAppearance." })
export class AppearancePayload {
  @Field(() => Appearance, { description: "The new appearance." })
  appearance: Appearance;
}

@ObjectType({ description: "The result of removeAppearance." })
export class RemoveAppearancePayload {
  @Field(() => ID, { description: "The removed appearance." })
  removedAppearanceId: string;

  @Field(() => Claim, { description: "Its claim, which keeps its other appearances." })
  claim: Claim;
}
