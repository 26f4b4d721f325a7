// SEARCH_RANK_WINDOW and SEARCH_COUNT_CAP, read once at start-up (src/config.ts).

export type SearchSettings = {
  /** A query matching more rows than this ranks only its newest this-many matches (ranking WINDOWED). */
  rankWindow: number;
  /** totalCount is exact up to this many matches, and an estimate above it. */
  countCap: number;
};

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = { rankWindow: 10_000, countCap: 10_000 };

/** Each bounds the work of one search request: ranking reads up to rankWindow rows, counting up to the larger of the two. */
const MAX_SETTING = 1_000_000;

export function loadSearchSettings(env: NodeJS.ProcessEnv): SearchSettings {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < 1 || value > MAX_SETTING) {
      throw new Error(`${name} must be an integer from 1 to ${MAX_SETTING}, got "${raw}"`);
    }
    return value;
  };
  return {
    rankWindow: read("SEARCH_RANK_WINDOW", DEFAULT_SEARCH_SETTINGS.rankWindow),
    countCap: read("SEARCH_COUNT_CAP", DEFAULT_SEARCH_SETTINGS.countCap),
  };
}
