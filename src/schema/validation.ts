import { validate, type ValidationError } from "class-validator";

import { UserInputError } from "../shared/errors.ts";

// type-graphql's validateFn: class-validator on every input, with errors that
// name the failing field by its input path, e.g. `claims[2].appearances[0].quote`.

function flatten(errors: ValidationError[], parent: string, out: { field: string; message: string }[]) {
  for (const error of errors) {
    const index = /^\d+$/.test(error.property);
    const field = index ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    flatten(error.children ?? [], field, out);
  }
  return out;
}

/**
 * Validates one argument. For `input: XInput` arguments the path is inside the
 * input (`claims[2].text`); for `@Args` classes it starts at the argument name
 * (`filter.cue.in`), since those classes' properties are the arguments.
 */
export async function validateArgument(value: unknown): Promise<void> {
  if (value === null || typeof value !== "object") return;
  const items = Array.isArray(value) ? value : [value];
  const problems: { field: string; message: string }[] = [];
  for (const [i, item] of items.entries()) {
    if (item === null || typeof item !== "object") continue;
    // GraphQL already enforces required fields; absent optional ones skip their rules.
    const errors = await validate(item as object, { skipMissingProperties: true, forbidUnknownValues: false });
    flatten(errors, Array.isArray(value) ? `[${i}]` : "", problems);
  }
  const [first] = problems;
  if (first) {
    throw new UserInputError(`"${first.field}": ${first.message}`, first.field, { problems });
  }
}
