import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

import type { Piscina } from "piscina";

import type { ExtractedClaim, ExtractOptions } from "./extract.ts";

// Extraction runs in worker threads, so a long text never holds up the request
// thread (issue #11). The pool starts on first use, keeps no idle thread, and
// refuses work beyond a bounded queue instead of holding any number of texts.
// Only the workers load the extractor (wink-nlp, its model, chrono: about
// 22 MB), and piscina itself is imported on the first extraction, so a server
// that never extracts loads none of it.

export type ExtractionPoolOptions = {
  /** Threads at most; one core is left to the request thread. */
  maxThreads: number;
  /** Texts that may wait for a thread; each holds up to 200,000 characters. */
  maxQueue: number;
  /** A thread with nothing to do ends after this long. */
  idleTimeoutMs: number;
  /** Heap of each thread: a worker that runs out dies alone, not the server. */
  maxHeapMb: number;
};

const DEFAULTS: ExtractionPoolOptions = { maxThreads: Math.max(1, availableParallelism() - 1), maxQueue: 64, idleTimeoutMs: 3_000, maxHeapMb: 512 };

/** Every thread is busy and the queue is full, or the pool closed under the task: try again later. */
export class ExtractionBusyError extends Error {
  constructor(
    message: string,
    /** Seconds after which a retry may succeed. */
    readonly retryAfter = 1,
  ) {
    super(message);
    this.name = "ExtractionBusyError";
  }
}

type Task = { text: string; publishedAt: Date | null };

let options = DEFAULTS;
let pool: Piscina<Task, ExtractedClaim[]> | null = null;
const closed = new WeakSet<object>();

let piscina: Promise<{ Piscina: typeof Piscina }> | null = null;

function start(Pool: typeof Piscina): Piscina<Task, ExtractedClaim[]> {
  return new Pool({
    filename: fileURLToPath(new URL("./extraction.worker.mjs", import.meta.url)),
    minThreads: 0,
    maxThreads: options.maxThreads,
    maxQueue: options.maxQueue,
    idleTimeout: options.idleTimeoutMs,
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb },
  });
}

/** extractClaims (extract.ts) on a worker thread. Throws ExtractionBusyError when the queue is full. */
export async function extractInPool(text: string, { publishedAt = null }: ExtractOptions = {}): Promise<ExtractedClaim[]> {
  // A server that is stopping must not start a new pool for a request that arrived during its drain.
  if (stopping) throw new ExtractionBusyError("Claim extraction stopped: the server is shutting down");
  piscina ??= import("piscina");
  const { Piscina } = await piscina;
  // Checked again after the import: the server may have begun stopping meanwhile.
  if (stopping) throw new ExtractionBusyError("Claim extraction stopped: the server is shutting down");
  pool ??= start(Piscina);
  const current = pool;
  try {
    return await current.run({ text, publishedAt });
  } catch (error) {
    if (closed.has(current)) throw new ExtractionBusyError("Claim extraction stopped: the server is shutting down");
    if (error instanceof Error && /queue is at limit/i.test(error.message)) {
      throw new ExtractionBusyError(`Claim extraction is busy: ${options.maxQueue} texts are waiting for ${options.maxThreads} thread(s)`);
    }
    throw error;
  }
}

/** Ends every extraction thread at once; running and waiting extractions fail with ExtractionBusyError. A later extraction starts a new pool. */
export async function closeExtractionPool(): Promise<void> {
  const current = pool;
  pool = null;
  if (!current) return;
  closed.add(current);
  await current.destroy();
}

let holders = 0;
let stopping = false;

/**
 * For a server: the pool serves while any server holds it. When the last one
 * lets go (on stop), running extractions end at once and new ones are refused
 * until a server holds it again.
 */
export function holdExtractionPool(): () => Promise<void> {
  holders++;
  stopping = false;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    if (--holders > 0) return;
    stopping = true;
    await closeExtractionPool();
  };
}

/** Sets the options of the next pool (closing the current one): for the server's configuration and for tests. */
export async function configureExtractionPool(changes: Partial<ExtractionPoolOptions>): Promise<void> {
  await closeExtractionPool();
  options = { ...DEFAULTS, ...changes };
}

/** Threads running now (none once idle). */
export const extractionThreads = () => pool?.threads.length ?? 0;
