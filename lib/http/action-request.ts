/*
 * The shape of a server-action request, checked before Next decodes it. Next hands the body
 * to React's decodeReply, and a body that does not decode (not JSON, a reference to a part
 * that is not there, a stream or a promise that never resolves) makes it answer 500. The
 * app's own forms send only what React's encodeReply makes of (previous state, FormData) or of
 * a few strings: a JSON array of arguments whose special values are FormData references,
 * undefined and escaped strings. Anything else is refused with a 400 (proxy.ts).
 */

export const MALFORMED_ACTION_MESSAGE = "This request is not one the app's forms send, so it was refused and nothing was changed.";

/**
 * The longest header block a part may have. Next's multipart parser refuses a part whose
 * headers pass 16 KB ("Malformed part header") with a 500; the app's forms name fields in a
 * few dozen characters.
 */
const MAX_PART_HEADER_BYTES = 8 * 1024;

/** More than any action takes; Next itself throws (a 500) past 1,000 arguments. */
const MAX_ARGUMENTS = 8;
const MAX_DEPTH = 32;

// React's encoding of values that are not plain JSON, limited to the inert ones: "$$…" (a
// string that starts with "$"), "$undefined", "$K<id>" (a FormData whose fields are the
// parts "_<id>_…"), and numbers JSON has no words for.
const ALLOWED_SPECIAL = /^\$(?:\$.*|undefined|K[0-9a-f]{1,8}|NaN|Infinity|-Infinity|-0)$/s;

function inert(root: unknown): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) return false;
    if (typeof value === "string") {
      if (value.startsWith("$") && !ALLOWED_SPECIAL.test(value)) return false;
    } else if (Array.isArray(value)) {
      for (const v of value) stack.push({ value: v, depth: depth + 1 });
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "__proto__") return false;
        stack.push({ value: v, depth: depth + 1 });
      }
    }
  }
  return true;
}

function validRoot(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  return Array.isArray(parsed) && parsed.length <= MAX_ARGUMENTS && inert(parsed);
}

/**
 * True when the body of a fetch server action (a POST with a Next-Action header) is not what
 * encodeReply makes: a multipart body whose part "0" is the argument list, or the argument
 * list itself as text.
 */
export async function malformedActionBody(request: {
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}): Promise<boolean> {
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      const bytes = await request.arrayBuffer();
      const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
      if (!boundary || oversizedPartHeader(bytes, boundary[1] ?? boundary[2]!)) return true;
      form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    } catch {
      return true;
    }
    const root = form.get("0");
    return typeof root !== "string" || !validRoot(root);
  }
  try {
    return !validRoot(await request.text());
  } catch {
    return true;
  }
}

/** Whether any part of a multipart body has a header block longer than MAX_PART_HEADER_BYTES. */
function oversizedPartHeader(bytes: ArrayBuffer, boundary: string): boolean {
  // Latin-1 keeps one character per byte, so lengths are byte counts.
  const text = new TextDecoder("latin1").decode(bytes);
  const parts = text.split(`--${boundary}`).slice(1);
  for (const part of parts) {
    if (part.startsWith("--")) break;
    const end = part.indexOf("\r\n\r\n");
    if ((end === -1 ? part.length : end) > MAX_PART_HEADER_BYTES) return true;
  }
  return false;
}
