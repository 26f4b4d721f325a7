// Dates and labels as a reader sees them.

type Precision = "YEAR" | "MONTH" | "DAY" | "MINUTE";

/** A date at the precision it is known to: "2025", "May 2025", "May 30, 2025", "June 4, 2025, 06:17 UTC". */
export function formatDate(iso: string | null | undefined, precision: Precision | null | undefined = "DAY"): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { timeZone: "UTC", year: "numeric" };
  if (precision !== "YEAR") options.month = "long";
  if (precision === "DAY" || precision === "MINUTE" || !precision) options.day = "numeric";
  if (precision === "MINUTE") Object.assign(options, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
  return new Intl.DateTimeFormat("en-US", options).format(date);
}

/** SCREAMING_CASE enum values as words: MOSTLY_FALSE → "Mostly false". */
export function enumLabel(value: string): string {
  const words = value.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 claim", "3 claims". */
export const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
