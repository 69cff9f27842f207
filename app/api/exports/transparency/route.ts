import { getCurrentUser } from "@/lib/server/auth.ts";
import { exportTransparencyReport } from "@/lib/server/exports/export-transparency-report.ts";
import { downloadHeaders, errorResponse, UNAUTHENTICATED } from "../respond.ts";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return UNAUTHENTICATED();
  try {
    const { format, ...input } = Object.fromEntries(new URL(request.url).searchParams);
    const result = await exportTransparencyReport({ actor: user, input, format });
    return new Response(result.body, { headers: downloadHeaders(result.contentType, result.filename) });
  } catch (error) {
    return errorResponse(error);
  }
}
