import { getCurrentUser } from "@/lib/server/auth.ts";
import { exportDecisionNotice } from "@/lib/server/exports/export-decision-notice.ts";
import { downloadHeaders, errorResponse, UNAUTHENTICATED } from "../../respond.ts";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ decisionId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return UNAUTHENTICATED();
  try {
    const { decisionId } = await params;
    const format = new URL(request.url).searchParams.get("format") ?? "txt";
    const result = await exportDecisionNotice({ actor: user, input: { decisionId }, format });
    return new Response(result.body, { headers: downloadHeaders(result.contentType, result.filename) });
  } catch (error) {
    return errorResponse(error);
  }
}
