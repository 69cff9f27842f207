import "server-only";
import { AppError } from "../errors.ts";

export const MAX_BODY_BYTES = 1024 * 1024;
const TOO_LARGE = `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`;

/**
 * The request's JSON body, read at most MAX_BODY_BYTES: a declared Content-Length over
 * the limit is refused before reading, and so is a body that turns out longer.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw new AppError("invalid", TOO_LARGE, { _: TOO_LARGE });
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        throw new AppError("invalid", TOO_LARGE, { _: TOO_LARGE });
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid", "The request body is not UTF-8 text", { _: "Send JSON encoded as UTF-8" });
  }
  if (text.trim() === "") throw new AppError("invalid", "Send a JSON object as the request body", { _: "The body is empty" });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid", "The request body is not valid JSON", { _: "The body is not valid JSON" });
  }
}
