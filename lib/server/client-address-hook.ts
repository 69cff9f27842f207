import http from "node:http";
import { SOCKET_ADDRESS_HEADER } from "./client-address.ts";

/*
 * Next.js gives route handlers and server actions no access to the socket, and fills
 * X-Forwarded-For from it only when a client sent none: a client could name any address.
 * This stamps every incoming request with its TCP peer under a header of our own before
 * Next.js sees it, replacing whatever a client sent under that name. Installed once, from
 * instrumentation.ts, in the Node.js server process.
 */
const marker = Symbol.for("conduct-desk.socket-address-hook");

export function installClientAddressHook(): void {
  const proto = http.Server.prototype as http.Server & { [marker]?: boolean };
  if (proto[marker]) return;
  proto[marker] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage | undefined;
      if (req?.headers) req.headers[SOCKET_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
