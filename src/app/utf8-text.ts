import { invalid, ok, type Result } from './result.js';

const STRICT = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's bytes as text, refused unless they are UTF-8, naming `field` and the first line that is
 * not. Decoded leniently, a file saved as Windows-1252 or Latin-1 (what a spreadsheet's plain "CSV"
 * is on many machines) would import every accented name and sku with U+FFFD in place of its
 * letters, silently. A byte-order mark is dropped.
 */
export function utf8Text(bytes: Uint8Array, field: string): Result<string> {
  try {
    return ok(STRICT.decode(bytes));
  } catch (error) {
    // Only bytes that are not UTF-8; any other failure (a text longer than a string may be) is not the file's encoding.
    if ((error as { code?: unknown }).code !== 'ERR_ENCODING_INVALID_ENCODED_DATA') throw error;
    return invalid(field, `line ${firstLineNotUtf8(bytes)} is not UTF-8 text: save the file as "CSV UTF-8" and try again`);
  }
}

/** The number of the first line (1-based) whose bytes are not UTF-8. */
function firstLineNotUtf8(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let end = 0; end <= bytes.length; end += 1) {
    if (end < bytes.length && bytes[end] !== 0x0a) continue;
    try {
      STRICT.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    line += 1;
    start = end + 1;
  }
  return line;
}
