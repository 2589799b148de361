// The Jupyter wire protocol (messaging spec v5.3): how one message becomes ZeroMQ frames and back.
// Frames: [identities..., "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers...].
// The hmac is HMAC-SHA256 (hex) over the four JSON frames, keyed with the connection file's key.
import { createHmac, randomUUID, timingSafeEqual } from "crypto";

const DELIMITER = "<IDS|MSG>";

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface JupyterMessage {
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Record<string, any>;
}

function sign(key: string, parts: Buffer[]): string {
  const h = createHmac("sha256", key);
  for (const p of parts) h.update(p);
  return h.digest("hex");
}

export function newMessage(msgType: string, session: string, content: Record<string, unknown>): JupyterMessage {
  return {
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: "stii",
      date: new Date().toISOString(),
      version: "5.3",
    },
    parent_header: {},
    metadata: {},
    content,
  };
}

/** Frames for a client socket (Dealer): no routing identities of our own. */
export function encode(key: string, msg: JupyterMessage): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => Buffer.from(JSON.stringify(p)));
  return [Buffer.from(DELIMITER), Buffer.from(sign(key, parts)), ...parts];
}

/** Parse and verify frames from any socket; a bad signature is an error, never silently accepted. */
export function decode(key: string, frames: Buffer[]): JupyterMessage {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  if (at < 0 || frames.length < at + 6) throw new Error("kernel message without <IDS|MSG> delimiter or with missing frames");
  const hmac = frames[at + 1];
  const parts = frames.slice(at + 2, at + 6);
  const want = Buffer.from(sign(key, parts));
  if (hmac.length !== want.length || !timingSafeEqual(hmac, want)) throw new Error("kernel message with an invalid HMAC signature");
  const [header, parent_header, metadata, content] = parts.map((p) => JSON.parse(p.toString("utf8")));
  return { header, parent_header, metadata, content };
}
