// The figure server's wire format (figure-server.ts, figure-relay-worker.ts): one JSON object a line
// over a socket. The reading half, shared by both ends.
import type { Socket } from "node:net";

/** Calls `onLine` with each complete line the socket receives, without its newline. */
export function onLines(conn: Socket, onLine: (line: string) => void): void {
  let pending = "";
  conn.setEncoding("utf8");
  conn.on("data", (chunk: string) => {
    pending += chunk;
    for (let nl = pending.indexOf("\n"); nl >= 0; nl = pending.indexOf("\n")) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      onLine(line);
    }
  });
}
