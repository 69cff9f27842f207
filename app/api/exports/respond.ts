import { HTTP_STATUS, isAppError } from "@/lib/server/errors.ts";

/** A domain error as JSON with its HTTP status; anything else is a real fault and rethrown. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    return Response.json(
      { error: { code: error.code, message: error.message, fields: error.fields } },
      { status: HTTP_STATUS[error.code] },
    );
  }
  throw error;
}

export const UNAUTHENTICATED = () =>
  Response.json({ error: { code: "unauthenticated", message: "Your session has ended: sign in again" } }, { status: 401 });

export function downloadHeaders(contentType: string, filename: string, extra: Record<string, string> = {}) {
  return {
    "content-type": contentType,
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...extra,
  };
}
