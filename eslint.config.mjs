import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const restrict = (patterns) => ["error", { patterns }];
const serverOnly = {
  group: ["@/lib/server/*", "**/lib/server/*"],
  message: "Only app/ and lib/server may use lib/server (STYLE.md: layering).",
};
const generated = { group: ["**/generated/prisma/*"], message: "Only lib/server touches Prisma." };

// The layering of STYLE.md, kept by the linter so nobody has to remember it.
const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/server/generated/**",
      "data/**",
      "e2e/.data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
    },
  },
  {
    files: ["components/**"],
    rules: { "no-restricted-imports": restrict([serverOnly, generated]) },
  },
  {
    files: ["lib/policy/**", "lib/schemas/**"],
    rules: {
      "no-restricted-imports": restrict([
        serverOnly,
        generated,
        {
          group: ["../server/*", "@/components/*", "@/app/*", "react", "next", "next/*"],
          message: "lib/policy and lib/schemas are pure: they import only each other.",
        },
      ]),
    },
  },
  {
    // Export formats and display formatting are pure functions of their input: no I/O, no database,
    // no React, so they are tested exhaustively without a server.
    files: ["lib/exports/**", "lib/format/**", "lib/audit/**"],
    rules: {
      "no-restricted-imports": restrict([
        serverOnly,
        generated,
        {
          group: [
            "../server/*",
            "@/components/*",
            "@/app/*",
            "react",
            "next",
            "next/*",
            "node:fs",
            "node:fs/*",
            "node:net",
            "node:http",
            "node:child_process",
            "fs",
            "pg",
            "@electric-sql/*",
          ],
          message: "lib/exports and lib/format are pure: they import only lib/policy, lib/schemas, lib/format and each other.",
        },
      ]),
    },
  },
  {
    files: ["app/**"],
    rules: { "no-restricted-imports": restrict([generated]) },
  },
  {
    // The app writes audit events only through recordAudit, which type-checks and validates the
    // payload against lib/audit/vocabulary.ts; the unchecked writer is for the chain's own tests.
    files: ["app/**", "components/**", "lib/**", "scripts/**", "bench/**", "prisma/**"],
    ignores: ["lib/server/audit.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportSpecifier[imported.name='appendAuditEvent'], ExportSpecifier[local.name='appendAuditEvent']",
          message: "Write audit events with recordAudit (a known action and its payload), not appendAuditEvent.",
        },
      ],
    },
  },
];

export default config;
