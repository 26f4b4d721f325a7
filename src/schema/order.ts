import { Field, InputType, registerEnumType } from "type-graphql";

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}

registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction. Empty values sort last in either direction.",
  valuesConfig: { ASC: { description: "Ascending." }, DESC: { description: "Descending." } },
});

/** Declares the `<Entity>Order` input: a sort field from `fields`, and a direction. */
export function OrderInput<F extends string>(fields: Record<string, F>, entity: string, plural: string) {
  @InputType(`${entity}Order`, { description: `Sort order for ${plural}; ties are broken by id.` })
  class Order {
    @Field(() => fields, { description: "The field to sort by." })
    field: F;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "The direction." })
    direction: OrderDirection;
  }
  return Order;
}
