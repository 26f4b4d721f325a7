// Text both backends store exactly as sent: no NUL (PostgreSQL refuses it) and
// no lone surrogate (both would store U+FFFD, so spans would stop matching).

// A surrogate that is not half of a pair.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored exactly, or null. */
export function unstorableText(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character (U+0000)";
  if (LONE_SURROGATE.test(text)) return "contains half of a surrogate pair (invalid UTF-16)";
  return null;
}
