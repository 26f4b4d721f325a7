import type { Server } from "node:http";
import net, { type Socket } from "node:net";

// Draining without resets. Closing idle keep-alive connections at once races
// with clients that are sending on them at that moment: the request is lost
// and the client sees a reset. Instead, while draining, every response says
// `Connection: close` (server.ts), idle connections get a grace period in
// which a request already on its way is still answered, and only then are the
// ones still idle closed.

export const DRAIN_GRACE_MS = 1_000;
const FORCE_AFTER_MS = 30_000;
const POLL_MS = 25;

/** Counts the requests in progress on each open connection of `httpServer`. */
export function trackConnections(httpServer: Server) {
  const active = new Map<Socket, number>();
  httpServer.on("connection", (socket: Socket) => {
    active.set(socket, 0);
    socket.once("close", () => active.delete(socket));
  });
  httpServer.on("request", (req, res) => {
    const socket = req.socket;
    active.set(socket, (active.get(socket) ?? 0) + 1);
    res.once("close", () => active.has(socket) && active.set(socket, Math.max(0, active.get(socket)! - 1)));
  });

  return {
    /**
     * Stops accepting connections, answers every request that reaches an open
     * one during the grace period, then closes the idle ones; resolves when no
     * connection is left (or after 30 s, when the rest are cut).
     */
    async drain(graceMs = DRAIN_GRACE_MS): Promise<void> {
      // http.Server#close also closes idle connections at once (Node 19+), the very race this avoids;
      // net.Server#close only stops accepting new ones.
      net.Server.prototype.close.call(httpServer);
      const started = Date.now();
      while (active.size > 0 && Date.now() - started < FORCE_AFTER_MS) {
        if (Date.now() - started >= graceMs) {
          for (const [socket, requests] of active) if (requests === 0) socket.destroy();
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      for (const socket of active.keys()) socket.destroy();
    },
  };
}
