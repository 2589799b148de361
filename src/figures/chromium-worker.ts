// The worker thread behind chromium-session.ts: one headless Chromium for the whole process, driven over
// the DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages ended by a NUL byte, fd 3 in,
// fd 4 out). One page loads Plotly once; each request draws a figure there and returns its PNG. The main
// thread waits on `signal` (Atomics), so its figure calls stay synchronous.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Readable, Writable } from "node:stream";
import { workerData, type MessagePort } from "node:worker_threads";
import { chromiumFlags, figurePage } from "./chromium-page";

export interface SessionInit {
  chromium: string;
  dir: string;
  port: MessagePort;
  signal: Int32Array;
}

export type SessionReply = { kind: "ready"; pid: number } | { kind: "png"; png: string } | { kind: "error"; message: string };

const { chromium, dir, port, signal } = workerData as SessionInit;

function reply(r: SessionReply): void {
  port.postMessage(r);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
// The main thread is blocked waiting for an answer: whatever goes wrong here must become one.
process.on("uncaughtException", (e) => reply({ kind: "error", message: e.message }));

const page = path.join(dir, "figure.html");
fs.writeFileSync(page, figurePage());

const child = spawn(chromium, [...chromiumFlags(path.join(dir, "profile")), "--remote-debugging-pipe", "about:blank"], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"], detached: true }); // its own process group: closed as one
const toBrowser = child.stdio[3] as Writable, fromBrowser = child.stdio[4] as Readable;

let pending = Buffer.alloc(0), lastId = 0;
const waiting = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
fromBrowser.on("data", (chunk: Buffer) => {
  pending = Buffer.concat([pending, chunk]);
  for (let end = pending.indexOf(0); end >= 0; end = pending.indexOf(0)) {
    const msg = JSON.parse(pending.subarray(0, end).toString("utf8")) as { id?: number; result?: Record<string, unknown>; error?: unknown };
    pending = pending.subarray(end + 1);
    const w = msg.id === undefined ? undefined : waiting.get(msg.id);
    if (!w) continue; // an event, not a reply
    waiting.delete(msg.id!);
    if (msg.error) w.reject(new Error(JSON.stringify(msg.error)));
    else w.resolve(msg.result ?? {});
  }
});
const failAll = (why: string) => {
  for (const w of waiting.values()) w.reject(new Error(why));
  waiting.clear();
};
child.on("exit", (code) => failAll(`Chromium exited (code ${code})`));
child.on("error", (e) => failAll(e.message));
// A browser that died leaves its pipes broken: writing to them fails the waiting requests, not the thread.
toBrowser.on("error", (e: Error) => failAll(e.message));
fromBrowser.on("error", (e: Error) => failAll(e.message));

function send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const id = ++lastId;
    waiting.set(id, { resolve, reject });
    toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0");
  });
}

/** Evaluate an expression in the page, awaiting a promise, and return its value. */
async function evaluate(sessionId: string, expression: string): Promise<unknown> {
  const r = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }, sessionId);
  const ex = r.exceptionDetails as { exception?: { description?: string }; text?: string } | undefined;
  if (ex) throw new Error(ex.exception?.description ?? ex.text ?? "the page threw");
  return (r.result as { value?: unknown }).value;
}

async function start(): Promise<string> {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  // Navigate once attached: the reply comes when the page's document is committed, so what follows runs in it.
  await send("Page.navigate", { url: `file://${page}` }, sessionId as string);
  await evaluate(sessionId as string, "new Promise((r) => { if (document.readyState === 'complete') r(true); else addEventListener('load', () => r(true)); })");
  if ((await evaluate(sessionId as string, "typeof Plotly")) !== "object") throw new Error("Plotly did not load in Chromium");
  return sessionId as string;
}

start().then((sessionId) => {
  reply({ kind: "ready", pid: child.pid ?? -1 });
  port.on("message", (req: { spec: string; width: number; height: number }) => {
    evaluate(sessionId, `draw(${req.spec}, ${req.width}, ${req.height})`)
      .then((url) => {
        const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(String(url));
        reply(m ? { kind: "png", png: m[1] } : { kind: "error", message: "Chromium returned no PNG" });
      })
      .catch((e: Error) => reply({ kind: "error", message: e.message }));
  });
}, (e: Error) => reply({ kind: "error", message: e.message }));

