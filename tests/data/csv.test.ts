import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseCSV, toCSV } from "../../src/data/csv";
import { InputError } from "../../src/errors";

// A fixed seed: the same cases on every run (a failure prints its counterexample).
fc.configureGlobal({ seed: 20251125 });

/** Run f, expect an InputError, return its message (never another exception type). */
function inputError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.ok(!e.message.includes("\n"), "message must be one line");
    return e.message;
  }
  assert.fail("expected an InputError");
}

test("RFC 4180: quotes, doubled quotes, embedded comma and newline, CRLF; lines count from the header", () => {
  const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",z\r\n3,,\r\n';
  const csv = parseCSV(text, "t.csv");
  assert.deepEqual(csv.header, ["a", "b", "c"]);
  assert.deepEqual(csv.rows, [["1", "x, y", 'say "hi"'], ["2", "two\r\nlines", "z"], ["3", "", ""]]);
  // The record with an embedded newline starts on line 3 and the next one on line 5.
  assert.deepEqual(csv.lines, [2, 3, 5]);
  assert.deepEqual(csv.notes, []);
});

test("a leading BOM is stripped and reported as harmless; blank lines are skipped", () => {
  const csv = parseCSV("\uFEFFa,b\n\n1,2\n", "t.csv");
  assert.deepEqual(csv.header, ["a", "b"]);
  assert.deepEqual(csv.rows, [["1", "2"]]);
  assert.deepEqual(csv.lines, [3]);
  assert.match(csv.notes[0], /byte-order mark.*harmless/);
});

test("a file that is really semicolon- or tab-separated gets a clear message, not one giant column", () => {
  assert.match(inputError(() => parseCSV("a;b;c\n1;2;3\n", "s.csv")), /^s\.csv: file looks semicolon-separated: /);
  assert.match(inputError(() => parseCSV("a\tb\tc\n1\t2\t3\n", "t.csv")), /^t\.csv: file looks tab-separated: /);
  // Semicolons inside a comma-separated file are fine.
  assert.deepEqual(parseCSV("a,b\n\"x;y;z\",2\n").rows, [["x;y;z", "2"]]);
});

test("a row with the wrong number of fields names its line", () => {
  const msg = inputError(() => parseCSV("a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n", "w.csv"));
  assert.match(msg, /^w\.csv: header has 3 fields but line 3 has 2, line 5 has 4 /);
});

test("a truncated file (quote never closed) names the line where the quote opened", () => {
  const msg = inputError(() => parseCSV('a,b\n1,2\n3,"unfinished\nstill', "q.csv"));
  assert.match(msg, /quoted field opened on line 3 never closes/);
});

test("stray quotes and empty files are InputErrors", () => {
  assert.match(inputError(() => parseCSV('a,b\n1,x"y\n', "x.csv")), /stray quote .* line 2/);
  assert.match(inputError(() => parseCSV('a,b\n"1"x,2\n', "x.csv")), /after a closing quote on line 2/);
  assert.match(inputError(() => parseCSV("  \n", "e.csv")), /e\.csv: file is empty/);
});

test("toCSV: shortest round-trip numbers, missing as empty, quoting only where needed", () => {
  const out = toCSV(["n", "s"], [[0.1 + 0.2, "plain"], [1e21, "a,b"], [-0, 'q"q'], [NaN, null], [1 / 3, "l\nm"]]);
  assert.equal(out, 'n,s\n0.30000000000000004,plain\n1e+21,"a,b"\n0,"q""q"\n,\n0.3333333333333333,"l\nm"\n');
  assert.throws(() => toCSV(["x"], [[Infinity]]), /infinite/);
});

test("property: toCSV then parseCSV returns the same cells", () => {
  const cell = fc.oneof(
    fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "城", ";") }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 8 }), (k, raw) => {
      const header = Array.from({ length: k }, (_, j) => `c${j}`);
      // A row that is one empty cell is indistinguishable from a blank line, so give every row a non-empty first cell.
      const rows = raw.map((r) => ["r", ...r.slice(0, k - 1)]);
      const back = parseCSV(toCSV(header, rows));
      assert.deepEqual(back.header, header);
      assert.deepEqual(back.rows, rows.map((r) => r.map(String)));
    }),
    { numRuns: 300 },
  );
});
