import type { NextFunction, Request, Response } from "express";

import type { Logger } from "../logger.ts";
import { ErrorCode } from "../shared/errors.ts";

/**
 * Body-parser errors (size, JSON syntax) get a JSON answer, never an HTML stack page.
 * Express tells error handlers by their four parameters, so all four stay.
 */
export function bodyErrors(bodyLimitBytes: number, logger: Logger) {
  return (error: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error, requestId: res.locals.requestId }, "unhandled HTTP error");
    const message =
      error.type === "entity.too.large"
        ? `Request body exceeds the limit of ${bodyLimitBytes} bytes`
        : status === 500
          ? "Internal server error"
          : (error.message ?? "Bad request");
    res.status(status).json({
      errors: [{ message, extensions: { code: status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_REQUEST, requestId: res.locals.requestId } }],
    });
  };
}
