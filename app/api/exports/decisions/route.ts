import { getCurrentUser } from "@/lib/server/auth.ts";
import { exportDecisionSummaries } from "@/lib/server/exports/export-decision-summaries.ts";
import { downloadHeaders, errorResponse, UNAUTHENTICATED } from "../respond.ts";

export const dynamic = "force-dynamic";

/** Decision summaries, streamed; x-export-rows tells the page how many rows to expect. */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return UNAUTHENTICATED();
  try {
    const input = Object.fromEntries(new URL(request.url).searchParams);
    const result = await exportDecisionSummaries({ actor: user, input });
    return new Response(result.stream, {
      headers: downloadHeaders(result.contentType, result.filename, { "x-export-rows": String(result.rows) }),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
