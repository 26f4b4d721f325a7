import { Length, Matches, MaxDate, MinDate, ValidateBy } from "class-validator";

// Composite class-validator rules shared by the write inputs.

const all =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lower-case letters, digits and single hyphens, 1–120 characters. */
export const IsSlug = () =>
  all(Length(1, 120), Matches(SLUG_PATTERN, { message: "$property must be lower-case letters, digits and single hyphens, e.g. `trump-xi-call`" }));

// BCP 47 language tag: language, optional script, region and variants (e.g. en, zh-Hant-TW, de-CH-1996).
export const BCP47 = /^[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?(?:-(?:[a-zA-Z\d]{5,8}|\d[a-zA-Z\d]{3}))*$/;

export const IsLanguageTag = () => Matches(BCP47, { message: "$property must be a BCP 47 language tag, e.g. `en` or `zh-Hant-TW`" });

const EARLIEST = new Date("1000-01-01T00:00:00Z");
const ALLOWED_CLOCK_SKEW_MS = 2 * 24 * 3600 * 1000;

/** A date from the year 1000 up to two days from now (time zones, clock skew). */
export const IsSaneDate = () =>
  all(
    MinDate(EARLIEST, { message: "$property must not be before the year 1000" }),
    MaxDate(() => new Date(Date.now() + ALLOWED_CLOCK_SKEW_MS), { message: "$property must not be in the future" }),
  );

/**
 * At most `max` UTF-16 code units: the unit of appearance offsets and of
 * JavaScript's `length`. class-validator's Length counts code points, which
 * lets text of astral characters through at up to twice the limit.
 */
export const MaxUtf16Length = (max: number) =>
  ValidateBy({
    name: "maxUtf16Length",
    constraints: [max],
    validator: {
      validate: (value) => typeof value === "string" && value.length <= max,
      defaultMessage: (args) => `${args?.property} must be at most ${max} UTF-16 code units`,
    },
  });

/** Non-blank text of 1 to `max` UTF-16 code units. */
export const IsText = (max: number) => all(Length(1), MaxUtf16Length(max), Matches(/\S/, { message: "$property must not be blank" }));
