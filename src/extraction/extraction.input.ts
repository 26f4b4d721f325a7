import { ArrayMaxSize, IsInt, Min, ValidateNested } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { GraphQLDateTime, GraphQLURL } from "graphql-scalars";

import { IsSaneDate, IsSlug, IsText } from "../schema/validators.ts";
import { MAX_BODY_LENGTH } from "../article/article.input.ts";
import { SourceRef } from "../source/source.input.ts";

/** Longest text extractClaims and importArticle read. */
export const MAX_EXTRACTION_TEXT = MAX_BODY_LENGTH;

@InputType({ description: "A raw article to import: claimgraph proposes its claims and saves the accepted ones." })
export class ImportArticleInput {
  @Field(() => String, { description: "Headline." })
  @IsText(500)
  title: string;

  @Field(() => String, { description: `The text exactly as published (at most ${MAX_EXTRACTION_TEXT} characters).` })
  @IsText(MAX_EXTRACTION_TEXT)
  body: string;

  @Field(() => String, { nullable: true, description: "Unique slug; made from the title when absent." })
  @IsSlug()
  slug?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When it was published; relative dates in the text resolve against it." })
  @IsSaneDate()
  publishedAt?: Date | null;

  @Field(() => SourceRef, { nullable: true, description: "The publisher (by id, slug or alias)." })
  @ValidateNested()
  publisher?: SourceRef | null;

  @Field(() => GraphQLURL, { nullable: true, description: "Where it was published (unique)." })
  url?: string | null;

  @Field(() => String, { nullable: true, description: "Where the text came from, e.g. a file name." })
  @IsText(500)
  origin?: string | null;

  @Field(() => [Int], { nullable: true, description: "Indexes of the proposals to save (see extractClaims); all when absent." })
  @ArrayMaxSize(1_000)
  @IsInt({ each: true })
  @Min(0, { each: true })
  accept?: number[] | null;
}
