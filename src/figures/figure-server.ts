// One Chromium for a whole `stii replicate`: the notebooks' kernels send their figures here over a Unix
// socket (STII_FIGURE_SOCKET) instead of each starting a browser of its own, which costs about 1.4 s of
// CPU per kernel. One line of JSON each way: { spec, width, height } in, a SessionReply out. Requests are
// drawn one at a time in this process's own Chromium session (chromium-session.ts).
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { FIGURE_SOCKET_ENV, renderInSession } from "./chromium-session";
import type { SessionReply } from "./chromium-worker";
import { onLines } from "./json-lines";

export interface FigureServer {
  /** The socket path, for the kernels' STII_FIGURE_SOCKET. */
  socket: string;
  close(): void;
}

export { FIGURE_SOCKET_ENV };

export function startFigureServer(chromium: string): Promise<FigureServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-figures-"));
  const socket = path.join(dir, "draw.sock");
  const server = net.createServer((conn) => {
    onLines(conn, (line) => conn.write(JSON.stringify(draw(chromium, line)) + "\n"));
    conn.on("error", () => { /* a kernel that went away: nothing to answer */ });
  });
  server.unref();
  const close = () => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    server.once("error", (e) => { close(); reject(e); });
    server.listen(socket, () => resolve({ socket, close }));
  });
}

function draw(chromium: string, line: string): SessionReply {
  try {
    const req = JSON.parse(line) as { spec: string; width: number; height: number };
    return { kind: "png", png: renderInSession(chromium, JSON.parse(req.spec), req.width, req.height, "local").toString("base64") };
  } catch (e) {
    return { kind: "error", message: (e as Error).message };
  }
}
