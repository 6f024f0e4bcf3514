/** A top-level element of a JSON array: its bytes are `bytes.subarray(start, end)`. */
export interface ByteRange {
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The byte ranges of the top-level elements of a JSON array, whitespace
 * around each element excluded, without building any value: so an element
 * nested 20,000 levels deep or holding `1e400` is handed on byte for byte.
 *
 * `bytes` must already be known to be one valid JSON array (the caller checks
 * it with JSON.parse, which gives the syntax errors their positions); then
 * tracking strings, escapes and bracket depth is enough. UTF-8 needs no
 * decoding: every byte of a multi-byte character is >= 0x80, so it can never
 * be taken for a quote, a bracket or a comma.
 */
export const jsonArrayElementRanges = (bytes: Uint8Array): ByteRange[] => {
  const ranges: ByteRange[] = [];
  let position = bytes.indexOf(0x5b) + 1; // after the opening [ (only whitespace or a BOM before it)
  let depth = 0;
  let inString = false;
  let start = -1; // first byte of the current element, -1 between elements
  let end = -1; // one past its last non-whitespace byte
  for (; position < bytes.length; position += 1) {
    const byte = bytes[position]!;
    if (inString) {
      if (byte === BACKSLASH)
        position += 1; // the escaped byte cannot end the string
      else if (byte === QUOTE) inString = false;
      end = position + 1;
      continue;
    }
    if (WHITESPACE.has(byte)) continue;
    if (depth === 0 && (byte === COMMA || CLOSE.has(byte))) {
      if (start >= 0) ranges.push({ start, end });
      start = -1;
      if (byte !== COMMA) return ranges; // the array's closing ]
      continue;
    }
    if (start < 0) start = position;
    end = position + 1;
    if (byte === QUOTE) inString = true;
    else if (OPEN.has(byte)) depth += 1;
    else if (CLOSE.has(byte)) depth -= 1;
  }
  throw new SyntaxError('unterminated JSON array');
};
