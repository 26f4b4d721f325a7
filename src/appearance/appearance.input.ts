import { IsInt, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";

import { IsText } from "../schema/validators.ts";
import { ArticleRef } from "../article/article.input.ts";
import { AppearanceKind } from "./appearance.type.ts";

export const MAX_QUOTE_LENGTH = 5_000;

@InputType({
  description:
    "Where a claim appears: the quote, located in the body by the service. Give `occurrence` when the quote occurs more than once, or `start`/`end` to name the span exactly (they must slice the body to the quote).",
})
export class AppearanceSpanInput {
  @Field(() => String, { description: "The exact text in the article body." })
  @IsText(MAX_QUOTE_LENGTH)
  quote: string;

  @Field(() => AppearanceKind, { description: "How the article presents the claim here." })
  kind: AppearanceKind;

  @Field(() => Int, { nullable: true, description: "Which occurrence of the quote, counting from 0." })
  @IsInt()
  @Min(0)
  occurrence?: number | null;

  @Field(() => Int, { nullable: true, description: "Start offset (UTF-16 code units), with `end`." })
  @IsInt()
  @Min(0)
  start?: number | null;

  @Field(() => Int, { nullable: true, description: "End offset (exclusive), with `start`." })
  @IsInt()
  @Min(1)
  end?: number | null;
}

@InputType({ description: "Where a claim appears, in a named article." })
export class ClaimAppearanceInput extends AppearanceSpanInput {
  @Field(() => ArticleRef, { description: "The article the quote is in." })
  @ValidateNested()
  article: ArticleRef;
}

@InputType({ description: "A new appearance of an existing claim." })
export class AddAppearanceInput extends ClaimAppearanceInput {
  @Field(() => ID, { description: "The claim that appears." })
  claim: string;
}
