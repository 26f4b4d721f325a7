import { Field, InputType, registerEnumType } from "type-graphql";

import { DateTimeFilter, IDFilter, NullableStringFilter, StringFilter } from "../common/filters.ts";
import { OrderInput } from "../common/order.ts";
import { ClaimFilter } from "../claim/claim.input.ts";
import { SourceFilter } from "../source/source.input.ts";

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

  @Field(() => ClaimFilter, { nullable: true, description: "Some claim in the article matches, e.g. `{ claimant: { slug: { equals: \"xinhua\" } } }`." })
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
