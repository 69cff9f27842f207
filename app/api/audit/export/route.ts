import { getCurrentUser } from "@/lib/server/auth.ts";
import { exportAuditEvents } from "@/lib/server/audit/export-audit-events.ts";
import { HTTP_STATUS, isAppError } from "@/lib/server/errors.ts";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: { code: "unauthenticated", message: "Sign in to continue" } }, { status: 401 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const format = params.format === "jsonl" ? "jsonl" : "csv";
  delete params.format;
  try {
    const stream = await exportAuditEvents({ actor: user, input: params, format });
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
    return new Response(stream, {
      headers: {
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="audit-log-${stamp}.${format === "csv" ? "csv" : "jsonl"}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (isAppError(error))
      return Response.json(
        { error: { code: error.code, message: error.message, fields: error.fields } },
        { status: HTTP_STATUS[error.code] },
      );
    throw error;
  }
}
