// The wire protocol and the on-disk notebook format, checked without a kernel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "crypto";
import { decode, encode, newMessage } from "../../src/kernel/wire";
import { normalizeMimeBundle, readNotebook, serializeNotebook } from "../../src/kernel/notebook";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

test("encode signs header, parent, metadata, content with HMAC-SHA256 and decode verifies it", () => {
  const key = "secret-key";
  const msg = newMessage("execute_request", "session-1", { code: "1+1" });
  const frames = encode(key, msg);
  assert.equal(frames[0].toString(), "<IDS|MSG>");
  const h = createHmac("sha256", key);
  for (const f of frames.slice(2, 6)) h.update(f);
  assert.equal(frames[1].toString(), h.digest("hex"));
  // A routing identity in front (as a Router adds) is skipped.
  const back = decode(key, [Buffer.from("peer-id"), ...frames]);
  assert.deepEqual(back.content, { code: "1+1" });
  assert.equal(back.header.msg_type, "execute_request");
  const tampered = [...frames];
  tampered[5] = Buffer.from(JSON.stringify({ code: "2+2" }));
  assert.throws(() => decode(key, tampered), /invalid HMAC/);
  assert.throws(() => decode("other-key", frames), /invalid HMAC/);
});

test("notebooks are written like Jupyter: sorted keys, 1-space indent, lines as lists, JSON MIME types as objects", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-nb-"));
  const file = path.join(dir, "a.ipynb");
  fs.writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
    { source: "line 1\nline 2", cell_type: "markdown", metadata: {} },
    { cell_type: "code", metadata: {}, execution_count: 1, source: ["x\n", "y"], outputs: [
      { output_type: "display_data", metadata: {}, data: normalizeMimeBundle({ "text/plain": "a\nb", "application/vnd.plotly.v1+json": "{\"data\":[]}", "application/json": "[1]" }) },
    ] },
  ] }));
  const text = serializeNotebook(readNotebook(file));
  const expected = `{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "line 1\\n",
    "line 2"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [
    {
     "data": {
      "application/json": [
       1
      ],
      "application/vnd.plotly.v1+json": {
       "data": []
      },
      "text/plain": [
       "a\\n",
       "b"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": [
    "x\\n",
    "y"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
`;
  assert.equal(text, expected);
  fs.rmSync(dir, { recursive: true, force: true });
});
