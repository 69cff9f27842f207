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
    // A sent notice is the text that was sent: its file name and this header say when.
    const sent: Record<string, string> = result.sentAt
      ? { "x-notice-sent-at": result.sentAt.toISOString(), "x-notice-text": result.kept ? "as-sent" : "rebuilt" }
      : {};
    return new Response(result.body, { headers: downloadHeaders(result.contentType, result.filename, sent) });
  } catch (error) {
    return errorResponse(error);
  }
}
