// A tiny, safe language for --subset: comparisons of a column with a number, joined by && and ||,
// with parentheses, e.g. `capital==0 && municipality==0`. Parsed by hand (no eval).
import { InputError } from "../errors";

/** A compiled subset: which columns it reads, and a test on one row given a column reader. */
export interface SubsetExpr {
  columns: string[];
  test(value: (column: string) => number): boolean;
}

type Node =
  | { op: "&&" | "||"; left: Node; right: Node }
  | { cmp: string; column: string; value: number };

const TOKEN = /\s*(\|\||&&|==|!=|<=|>=|<|>|\(|\)|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[A-Za-z_][A-Za-z0-9_]*)/y;

export function parseSubset(src: string): SubsetExpr {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(at))) break;
      throw new InputError(`subset: cannot read "${src.slice(at).trim()}" in "${src}"`);
    }
    tokens.push(m[1]);
  }
  let pos = 0;
  const fail = (what: string): never => {
    throw new InputError(`subset: expected ${what} at "${tokens.slice(pos).join(" ") || "end"}" in "${src}"`);
  };
  const isName = (t?: string) => t !== undefined && /^[A-Za-z_]/.test(t);
  const isNumber = (t?: string) => t !== undefined && /^-?\d/.test(t);
  const columns = new Set<string>();

  const parseOr = (): Node => {
    let left = parseAnd();
    while (tokens[pos] === "||") { pos++; left = { op: "||", left, right: parseAnd() }; }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parseAtom();
    while (tokens[pos] === "&&") { pos++; left = { op: "&&", left, right: parseAtom() }; }
    return left;
  };
  const parseAtom = (): Node => {
    if (tokens[pos] === "(") {
      pos++;
      const inner = parseOr();
      if (tokens[pos++] !== ")") { pos--; fail(")"); }
      return inner;
    }
    if (!isName(tokens[pos])) fail("a column name");
    const column = tokens[pos++];
    const cmp = tokens[pos];
    if (!["==", "!=", "<", "<=", ">", ">="].includes(cmp)) fail("a comparison (== != < <= > >=)");
    pos++;
    if (!isNumber(tokens[pos])) fail("a number");
    columns.add(column);
    return { cmp, column, value: Number(tokens[pos++]) };
  };

  if (tokens.length === 0) throw new InputError(`subset: empty expression`);
  const root = parseOr();
  if (pos < tokens.length) fail("&& or || or the end");

  const evaluate = (node: Node, value: (c: string) => number): boolean => {
    if ("op" in node) {
      return node.op === "&&"
        ? evaluate(node.left, value) && evaluate(node.right, value)
        : evaluate(node.left, value) || evaluate(node.right, value);
    }
    const x = value(node.column);
    switch (node.cmp) {
      case "==": return x === node.value;
      case "!=": return x !== node.value;
      case "<": return x < node.value;
      case "<=": return x <= node.value;
      case ">": return x > node.value;
      default: return x >= node.value;
    }
  };
  return { columns: [...columns], test: (value) => evaluate(root, value) };
}
