import { pino } from "pino";

export type Logger = pino.Logger;

/** JSON lines to stdout, or to `destination` (tests read the request log that way). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: "claimgraph" } }, destination);
}
