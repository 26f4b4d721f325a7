import { Router } from "express";

import type { Db } from "../db/client.ts";
import type { Logger } from "../logger.ts";

/** /healthz and /readyz; `draining` says whether the process is shutting down. */
export function health(db: Db, logger: Logger, draining: () => boolean): Router {
  const router = Router();
  // Liveness: the process answers. Load balancers should use /readyz.
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // Readiness: the database answers and the process is not shutting down.
  router.get("/readyz", async (_req, res) => {
    if (draining()) return void res.status(503).json({ status: "draining" });
    try {
      await db.$queryRaw`SELECT 1`;
      res.json({ status: "ready" });
    } catch (error) {
      logger.error({ err: error }, "readiness check failed");
      res.status(503).json({ status: "unavailable" });
    }
  });
  return router;
}
