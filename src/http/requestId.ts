import { randomUUID } from "node:crypto";

import type { RequestHandler } from "express";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * A request id ties a client's error report to our logs: the client's own
 * X-Request-Id when it is a plain token, a fresh UUID otherwise; echoed back.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get("x-request-id");
  res.locals.requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader("x-request-id", res.locals.requestId);
  next();
};
