import { ArrayMaxSize, IsInt, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { GraphQLDateTime, GraphQLURL } from "graphql-scalars";

import { DateTimeFilter, IDFilter, NullableStringFilter, StringFilter } from "../schema/filters.ts";
import { OrderInput } from "../schema/order.ts";
import { IsLanguageTag, IsSaneDate, IsSlug, IsText } from "../schema/validators.ts";
import { ClaimFilter, NewClaimInput } from "../claim/claim.input.ts";
import { SourceFilter, SourceRef } from "../source/source.input.ts";

@InputType({ description: "Conditions on articles. All given conditions must hold." })
export class ArticleFilter {
  @Field(() => IDFilter, { nullable: true, description: "The article's id." })
  id?: IDFilter;

  @Field(() => StringFilter, { nullable: true, description: "The slug." })
  slug?: StringFilter;

  @Field(() => StringFilter, { nullable: true, description: "The title." })
  title?: StringFilter;

  @Field(() => NullableStringFilter, { nullable: true, description: "The BCP 47 language tag." })
  language?: NullableStringFilter;

  @Field(() => DateTimeFilter, { nullable: true, description: "The publication date." })
  publishedAt?: DateTimeFilter;

  @Field(() => SourceFilter, { nullable: true, description: "The publisher matches." })
  publisher?: SourceFilter;

  @Field(() => SourceFilter, { nullable: true, description: "Some author matches." })
  author?: SourceFilter;

  @Field(() => ClaimFilter, { nullable: true, description: 'Some claim in the article matches, e.g. `{ claimant: { slug: { equals: "xinhua" } } }`.' })
  claim?: ClaimFilter;

  @Field(() => [ArticleFilter], { nullable: true, description: "All of these hold." })
  AND?: ArticleFilter[];

  @Field(() => [ArticleFilter], { nullable: true, description: "At least one of these holds." })
  OR?: ArticleFilter[];

  @Field(() => ArticleFilter, { nullable: true, description: "This does not hold." })
  NOT?: ArticleFilter;
}

export enum ArticleOrderField {
  PUBLISHED_AT = "PUBLISHED_AT",
  TITLE = "TITLE",
  CREATED_AT = "CREATED_AT",
}

registerEnumType(ArticleOrderField, {
  name: "ArticleOrderField",
  description: "Fields articles can be sorted by.",
  valuesConfig: {
    PUBLISHED_AT: { description: "Publication date; undated articles sort last." },
    TITLE: { description: "Title." },
    CREATED_AT: { description: "When the record was created." },
  },
});

export const ArticleOrder = OrderInput(ArticleOrderField, "Article", "articles");
export type ArticleOrder = InstanceType<typeof ArticleOrder>;

export const MAX_BODY_LENGTH = 200_000;
export const MAX_CLAIMS_PER_ARTICLE = 200;
export const MAX_AUTHORS = 20;
/** Translations one article may have: `Article.translations` is a plain list, priced at this bound. */
export const MAX_TRANSLATIONS = 50;

@InputType({ description: "Points at an article by exactly one of `id` or `slug`." })
export class ArticleRef {
  @Field(() => ID, { nullable: true, description: "The article's id." })
  id?: string | null;

  @Field(() => String, { nullable: true, description: "The article's slug." })
  @IsSlug()
  slug?: string | null;
}

@InputType({ description: "A new article, with its sources and claims, written all-or-nothing." })
export class CreateArticleInput {
  @Field(() => String, { description: "Unique slug." })
  @IsSlug()
  slug: string;

  @Field(() => String, { description: "Headline." })
  @IsText(500)
  title: string;

  @Field(() => String, { description: `The text exactly as published (at most ${MAX_BODY_LENGTH} characters).` })
  @IsText(MAX_BODY_LENGTH)
  body: string;

  @Field(() => String, { nullable: true, description: "Short summary." })
  @IsText(2000)
  summary?: string | null;

  @Field(() => GraphQLURL, { nullable: true, description: "Where it was published (unique)." })
  url?: URL | string | null;

  @Field(() => String, { nullable: true, description: "BCP 47 language tag, e.g. `en`." })
  @IsLanguageTag()
  language?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When it was published." })
  @IsSaneDate()
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Where the text came from, when not simply `url`." })
  @IsText(2000)
  origin?: string | null;

  @Field(() => SourceRef, { nullable: true, description: "The publisher." })
  @ValidateNested()
  publisher?: SourceRef | null;

  @Field(() => [SourceRef], { nullable: true, description: `Authors in byline order (at most ${MAX_AUTHORS}).` })
  @ArrayMaxSize(MAX_AUTHORS)
  @ValidateNested({ each: true })
  authors?: SourceRef[] | null;

  @Field(() => ArticleRef, { nullable: true, description: "The original, when this is a translation." })
  @ValidateNested()
  translationOf?: ArticleRef | null;

  @Field(() => [NewClaimInput], { nullable: true, description: `Claims in the article (at most ${MAX_CLAIMS_PER_ARTICLE}).` })
  @ArrayMaxSize(MAX_CLAIMS_PER_ARTICLE)
  @ValidateNested({ each: true })
  claims?: NewClaimInput[] | null;
}

@InputType({ description: "Changes to an article. Omitted fields stay as they are; null clears an optional field." })
export class UpdateArticleInput {
  @Field(() => ID, { description: "The article to change." })
  id: string;

  @Field(() => Int, { description: "The `version` you read. A newer version on the server means someone else wrote first: CONFLICT." })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => String, { nullable: true, description: "New slug." })
  @IsSlug()
  slug?: string | null;

  @Field(() => String, { nullable: true, description: "New headline." })
  @IsText(500)
  title?: string | null;

  @Field(() => String, { nullable: true, description: "New body. Every appearance is re-anchored by its quote; ones not found become STALE." })
  @IsText(MAX_BODY_LENGTH)
  body?: string | null;

  @Field(() => String, { nullable: true, description: "Summary; null clears it." })
  @IsText(2000)
  summary?: string | null;

  @Field(() => GraphQLURL, { nullable: true, description: "URL; null clears it." })
  url?: URL | string | null;

  @Field(() => String, { nullable: true, description: "Language tag; null clears it." })
  @IsLanguageTag()
  language?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "Publication date; null clears it." })
  @IsSaneDate()
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Origin note; null clears it." })
  @IsText(2000)
  origin?: string | null;

  @Field(() => SourceRef, { nullable: true, description: "Publisher; null clears it." })
  @ValidateNested()
  publisher?: SourceRef | null;

  @Field(() => [SourceRef], { nullable: true, description: "Replaces the authors." })
  @ArrayMaxSize(MAX_AUTHORS)
  @ValidateNested({ each: true })
  authors?: SourceRef[] | null;

  @Field(() => ArticleRef, { nullable: true, description: "The original; null clears it." })
  @ValidateNested()
  translationOf?: ArticleRef | null;
}
