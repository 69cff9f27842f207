import "server-only";
import { z } from "zod";
import {
  ZApiCaseResponse,
  ZApiCreateCase,
  ZApiCreateCaseResponse,
  ZApiDecisionListResponse,
  ZApiDecisionResponse,
  ZApiDecisionsQuery,
  ZApiError,
  ZApiLookupQuery,
  ZApiMemberLookupResponse,
  ZApiRecordDecision,
} from "@/lib/schemas/api.ts";
import { ZCaseNumber } from "@/lib/schemas/vocabulary.ts";
import { MAX_BODY_BYTES } from "./read-json-body.ts";

/*
 * The OpenAPI 3.1 document of /api/v1, generated from the very zod schemas the endpoints
 * parse requests with (lib/schemas/api.ts): what it says is what the API checks.
 */

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ "application/json": { schema: ref(name) } });

const ERRORS: Record<number, string> = {
  400: "Invalid input (`invalid`): a message per field in `fields`",
  401: "No valid token (`unauthenticated`): missing, unknown, revoked, expired, or its owner was deactivated",
  403: "Not allowed (`forbidden`): a read token writing, a viewer's token writing, or recusal",
  404: "Not found (`not_found`)",
  409: "The case changed since the version you sent (`conflict`)",
  422: "A ladder rule is broken (`rule`): the message is the rule's",
  429: "Too many requests (`rate_limited`): wait for the seconds in Retry-After",
  500: "An unexpected fault (`internal`): nothing about it is disclosed",
};

function responses(success: { status: number; description: string; schema: string }, errors: number[]) {
  const out: Record<string, unknown> = { [success.status]: { description: success.description, content: json(success.schema) } };
  for (const status of [...errors, 401, 429, 500].sort()) {
    out[status] = {
      description: ERRORS[status],
      content: json("Error"),
      ...(status === 429
        ? { headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer", minimum: 1 } } } }
        : {}),
    };
  }
  return out;
}

function queryParameters(schema: z.ZodObject) {
  const required = new Set((jsonSchema(schema, "input").required as string[] | undefined) ?? []);
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: required.has(name),
    schema: jsonSchema(field as z.ZodType, "input"),
  }));
}

const caseNumberParameter = { name: "number", in: "path", required: true, schema: jsonSchema(ZCaseNumber, "input") };

export function buildOpenApiDocument(serverUrl = "/api/v1") {
  return {
    openapi: "3.1.0",
    info: {
      title: "Conduct Desk API",
      version: "1.0.0",
      description:
        "Log cases and look up members' standing with a personal API token (Settings → API tokens, or `npm run token:create`). " +
        "A token acts as its owner and never above the owner's role. Request bodies are JSON objects of at most " +
        `${MAX_BODY_BYTES / 1024 / 1024} MB; unknown fields are refused. Reporters' identities are never returned.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }],
    paths: {
      "/members/lookup": {
        get: {
          operationId: "lookupMember",
          summary: "A member's standing and cases, by a handle in a space",
          parameters: queryParameters(ZApiLookupQuery),
          responses: responses({ status: 200, description: "The member", schema: "MemberLookup" }, [400, 403, 404]),
        },
      },
      "/cases": {
        post: {
          operationId: "createCase",
          summary: "Log a case (needs a write token); unknown handles create members",
          requestBody: { required: true, content: json("CreateCaseRequest") },
          responses: responses({ status: 201, description: "The case was logged", schema: "CreateCaseResponse" }, [400, 403, 404]),
        },
      },
      "/cases/{number}": {
        get: {
          operationId: "getCase",
          summary: "A case, without its reporter",
          parameters: [caseNumberParameter],
          responses: responses({ status: 200, description: "The case", schema: "Case" }, [403, 404]),
        },
      },
      "/cases/{number}/decision": {
        post: {
          operationId: "recordDecision",
          summary: "Decide a case along the ladder (needs a write token)",
          parameters: [caseNumberParameter],
          requestBody: { required: true, content: json("RecordDecisionRequest") },
          responses: responses(
            { status: 201, description: "The decision and the member's new standing", schema: "DecisionRecorded" },
            [400, 403, 404, 409, 422],
          ),
        },
      },
      "/decisions": {
        get: {
          operationId: "listDecisions",
          summary: "Decision summaries, newest first, without reporters or involved people; cursor-paginated",
          parameters: queryParameters(ZApiDecisionsQuery),
          responses: responses({ status: 200, description: "A page of decisions", schema: "DecisionList" }, [400, 403]),
        },
      },
      "/ping": {
        get: {
          operationId: "ping",
          summary: "Checks a token: answers {ok: true} (npm run bench uses it as the framework's floor)",
          responses: { 200: { description: "The token is valid", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "openApiDocument",
          summary: "This document (no token needed)",
          security: [],
          responses: { 200: { description: "The OpenAPI document", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
    },
    components: {
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "A personal API token: cd_…" } },
      schemas: {
        CreateCaseRequest: jsonSchema(ZApiCreateCase, "input"),
        RecordDecisionRequest: jsonSchema(ZApiRecordDecision, "input"),
        MemberLookup: jsonSchema(ZApiMemberLookupResponse, "output"),
        CreateCaseResponse: jsonSchema(ZApiCreateCaseResponse, "output"),
        Case: jsonSchema(ZApiCaseResponse, "output"),
        DecisionRecorded: jsonSchema(ZApiDecisionResponse, "output"),
        DecisionList: jsonSchema(ZApiDecisionListResponse, "output"),
        Error: jsonSchema(ZApiError, "output"),
      },
    },
  };
}
