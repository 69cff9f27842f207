import { buildOpenApiDocument } from "@/lib/server/api/openapi.ts";

// Public on purpose: it describes the API and holds no data, so tools can fetch it without a token.
export const dynamic = "force-static";

export function GET() {
  return Response.json(buildOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
