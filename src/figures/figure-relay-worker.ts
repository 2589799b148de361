// The worker thread behind chromium-session.ts when the process's figures go to a figure server
// (figure-server.ts, STII_FIGURE_SOCKET, set by `stii replicate` for its kernels): each request is passed
// on over the socket and its answer handed back. The main thread waits on `signal` (Atomics), as with
// chromium-worker.ts, so figure calls stay synchronous.
import * as net from "node:net";
import { workerData, type MessagePort } from "node:worker_threads";
import type { SessionReply } from "./chromium-worker";
import { onLines } from "./json-lines";

export interface RelayInit {
  socket: string;
  port: MessagePort;
  signal: Int32Array;
}

const { socket, port, signal } = workerData as RelayInit;

function reply(r: SessionReply): void {
  port.postMessage(r);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
// The main thread is blocked waiting for an answer: whatever goes wrong here must become one.
process.on("uncaughtException", (e) => reply({ kind: "error", message: e.message }));

const conn = net.connect(socket);
conn.on("connect", () => reply({ kind: "ready", pid: -1 }));
onLines(conn, (line) => reply(JSON.parse(line) as SessionReply));
// One answer for a broken connection, whether it shows as an error, a close or both.
let ended = false;
const end = (why: string) => { if (!ended) reply({ kind: "error", message: `figure server: ${why}` }); ended = true; };
conn.on("error", (e) => end(e.message));
conn.on("close", () => end("closed the connection"));
port.on("message", (req: { spec: string; width: number; height: number }) => conn.write(JSON.stringify(req) + "\n"));
