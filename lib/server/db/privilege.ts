// No "server-only" here: the database opener and `npm run db:grant` use it outside Next too.
import { DatabaseSetupError } from "./config.ts";
import type { MigrationExecutor } from "./migrate.ts";

/*
 * Least privilege on PostgreSQL. The audit chain and the append-only triggers hold only against
 * a role that cannot switch them off: the owner of a table (or of its schema) may disable or drop
 * its triggers, and a superuser may do anything. So two roles: the owner runs the migrations
 * (DATABASE_MIGRATION_URL) and owns every table; the app runs as a role that owns nothing and
 * holds only the privileges below (`npm run db:grant -- <role>`).
 */

/**
 * What the app's role may do, table by table, where it is less than SELECT, INSERT, UPDATE and
 * DELETE. A table added by a later migration gets all four (the default privileges db:grant
 * sets): one whose rows are kept as written belongs here, and db:grant is run again.
 */
export const RUNTIME_TABLE_PRIVILEGES: Record<string, { grant: string; updateColumns?: string[] }> = {
  // The audit trail: appended to, never changed (its triggers say so too).
  AuditEvent: { grant: "SELECT, INSERT" },
  // Signed checkpoints of the chain: the app signs and stores them, and never changes one.
  AuditCheckpoint: { grant: "SELECT, INSERT" },
  // Never deleted: cases, identities (retired instead), case teams (left, the row kept), team
  // accounts (deactivated instead: the audit trail names them).
  Case: { grant: "SELECT, INSERT, UPDATE" },
  User: { grant: "SELECT, INSERT, UPDATE" },
  MemberIdentity: { grant: "SELECT, INSERT, UPDATE" },
  CaseTeamMember: { grant: "SELECT, INSERT, UPDATE" },
  // Kept as written: a decision sets only its notice time (once, the trigger says); a merge moves
  // a protection to the record its member was merged into (the trigger checks that).
  Decision: { grant: "SELECT, INSERT", updateColumns: ["memberNotifiedAt"] },
  NoContactProtection: { grant: "SELECT, INSERT", updateColumns: ["memberId"] },
  DecisionReversal: { grant: "SELECT, INSERT" },
  DecisionReview: { grant: "SELECT, INSERT" },
  DecisionNotice: { grant: "SELECT, INSERT" },
  CaseNote: { grant: "SELECT, INSERT" },
  CaseStatusChange: { grant: "SELECT, INSERT" },
  // The app reads which migrations are applied; only the owner applies them.
  _prisma_migrations: { grant: "SELECT" },
};

const DEFAULT_TABLE_GRANT = "SELECT, INSERT, UPDATE, DELETE";

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A role name from the command line: refused when PostgreSQL would change or reject it. */
export function checkRoleName(name: string): string {
  if (name.length === 0) throw new DatabaseSetupError("Name the app's role: npm run db:grant -- <role>");
  if (LONE_SURROGATE.test(name) || name.includes("\0")) {
    throw new DatabaseSetupError("The role name holds a character PostgreSQL cannot store (NUL or a broken surrogate pair)");
  }
  // PostgreSQL silently cuts identifiers at 63 bytes: the grants would go to another name.
  if (Buffer.byteLength(name, "utf8") > 63) throw new DatabaseSetupError("The role name is longer than PostgreSQL's 63 bytes");
  if (name.toLowerCase() === "public" || name.startsWith("pg_")) {
    throw new DatabaseSetupError(`"${name}" is reserved by PostgreSQL: name the role the app connects as`);
  }
  return name;
}

type RoleFacts = {
  rolname: string;
  rolsuper: boolean;
  become_super: string | null;
  rolcreaterole: boolean;
  table_owner: string | null;
  owns_table: boolean | null;
  schema: string | null;
  owns_schema: boolean | null;
  version: number;
};

async function roleFacts(db: Pick<MigrationExecutor, "query">, role: string | null): Promise<RoleFacts | undefined> {
  // role null: the role this connection runs as (current_user).
  const [facts] = await db.query<RoleFacts>(
    `SELECT r.rolname::text AS rolname, r.rolsuper, r.rolcreaterole,
            (SELECT s.rolname::text FROM pg_roles s WHERE s.rolsuper AND s.oid <> r.oid AND pg_has_role(r.oid, s.oid, 'MEMBER') LIMIT 1) AS become_super,
            pg_get_userbyid(c.relowner)::text AS table_owner,
            CASE WHEN c.oid IS NULL THEN NULL ELSE pg_has_role(r.oid, c.relowner, 'MEMBER') END AS owns_table,
            n.nspname::text AS schema,
            CASE WHEN n.oid IS NULL THEN NULL ELSE pg_has_role(r.oid, n.nspowner, 'MEMBER') END AS owns_schema,
            current_setting('server_version_num')::int AS version
       FROM pg_roles r
       LEFT JOIN pg_class c ON c.oid = to_regclass('"AuditEvent"')
       LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE r.rolname = coalesce($1::text, current_user::text)`,
    [role],
  );
  return facts;
}

/**
 * Why this role could rewrite history (empty when it cannot): it is (or may become) a superuser,
 * owns the audit table or its schema (directly, through a role it belongs to, or as the owner of
 * the database, which owns its public schema), or may grant itself the owner's role.
 */
export async function leastPrivilegeProblems(db: Pick<MigrationExecutor, "query">, role: string | null = null): Promise<string[]> {
  const facts = await roleFacts(db, role);
  if (!facts) return [];
  // A superuser may do anything: nothing else needs saying.
  if (facts.rolsuper) return ["is a superuser"];
  const problems: string[] = [];
  if (facts.become_super) problems.push(`is a member of the superuser role "${facts.become_super}"`);
  if (facts.owns_table) {
    problems.push(
      facts.table_owner === facts.rolname
        ? `owns the audit table "AuditEvent"`
        : `is a member of "${facts.table_owner}", which owns the audit table "AuditEvent"`,
    );
  }
  if (facts.owns_schema) problems.push(`owns the schema "${facts.schema}" (or the database), so it may drop any table in it`);
  // Before PostgreSQL 16, CREATEROLE may grant any non-superuser role, the owner's included.
  if (facts.rolcreaterole && facts.version < 160000) problems.push("has CREATEROLE, so it may make itself a member of the owner");
  return problems;
}

/** The one line the app prints at start when its role is not least-privilege. */
export function leastPrivilegeWarning(role: string, problems: string[]): string {
  return `warning: the app's database role "${role}" ${problems.join(", ")}: whoever holds DATABASE_URL can switch off the audit trail's protections. Run the app as a role that owns nothing (npm run db:grant -- <role>, see README "PostgreSQL"); REQUIRE_LEAST_PRIVILEGE=1 refuses to start`;
}

export async function currentRole(db: Pick<MigrationExecutor, "query">): Promise<string> {
  const [row] = await db.query<{ role: string }>(`SELECT current_user::text AS role`);
  return row!.role;
}

/**
 * Creates or updates the app's grants, as the owner of the tables, in one transaction: the
 * privileges of RUNTIME_TABLE_PRIVILEGES on every table (everything else it had is revoked
 * first, so running it again after an upgrade brings a role up to date), the same by default on
 * tables later migrations create, sequences and the owner's functions. The role must already
 * exist (its password is the operator's business) and be a different role that owns nothing.
 * Returns one line per table.
 */
export async function grantRuntimeRole(db: MigrationExecutor, roleName: string): Promise<string[]> {
  const role = checkRoleName(roleName);
  const me = await currentRole(db);
  const target = await roleFacts(db, role);
  if (!target) {
    throw new DatabaseSetupError(
      `There is no role "${role}": create it with its password first, e.g. psql -c "CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD '…'" (db:grant never sees a password), then run db:grant again`,
    );
  }
  if (target.table_owner === null) throw new DatabaseSetupError(`The database has no "AuditEvent" table: apply the migrations first`);
  if (role === me) {
    throw new DatabaseSetupError(
      `"${role}" is the role db:grant runs as (the owner): the app needs a role of its own, which owns nothing. Run db:grant with the owner's URL and name the app's role`,
    );
  }
  const self = (await roleFacts(db, me))!;
  if (!self.owns_table && !self.rolsuper) {
    throw new DatabaseSetupError(
      `db:grant runs as "${me}", which does not own the tables ("AuditEvent" is owned by "${target.table_owner}"): set DATABASE_MIGRATION_URL (or DATABASE_URL) to the owner's URL`,
    );
  }
  const problems = await leastPrivilegeProblems(db, role);
  if (problems.length > 0) {
    throw new DatabaseSetupError(
      `"${role}" ${problems.join(", ")}: the app's role must own nothing and be no superuser. Use another role, or change this one (e.g. ALTER ROLE ${quoteIdent(role)} NOSUPERUSER; REVOKE ${quoteIdent(target.table_owner)} FROM ${quoteIdent(role)}; ALTER DATABASE … OWNER TO ${quoteIdent(target.table_owner)})`,
    );
  }

  const r = quoteIdent(role);
  const schema = quoteIdent(target.schema!);
  const tables = await db.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_class c
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND pg_has_role(current_user, c.relowner, 'MEMBER')
      ORDER BY c.relname`,
    [target.schema],
  );
  const functions = await db.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p
      WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND pg_has_role(current_user, p.proowner, 'MEMBER') AND p.prokind IN ('f', 'p')`,
    [target.schema],
  );
  const statements = [
    `GRANT CONNECT ON DATABASE ${quoteIdent((await db.query<{ name: string }>(`SELECT current_database()::text AS name`))[0]!.name)} TO ${r}`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${r}`,
    `REVOKE CREATE ON SCHEMA ${schema} FROM ${r}`,
  ];
  const lines: string[] = [];
  for (const { name } of tables) {
    const policy = RUNTIME_TABLE_PRIVILEGES[name] ?? { grant: DEFAULT_TABLE_GRANT };
    const table = `${schema}.${quoteIdent(name)}`;
    statements.push(`REVOKE ALL ON ${table} FROM ${r}`, `GRANT ${policy.grant} ON ${table} TO ${r}`);
    if (policy.updateColumns) statements.push(`GRANT UPDATE (${policy.updateColumns.map(quoteIdent).join(", ")}) ON ${table} TO ${r}`);
    lines.push(`${name}: ${policy.grant}${policy.updateColumns ? `, UPDATE (${policy.updateColumns.join(", ")}) only` : ""}`);
  }
  statements.push(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${r}`);
  for (const { signature } of functions) statements.push(`GRANT EXECUTE ON FUNCTION ${signature} TO ${r}`);
  // Tables, sequences and functions later migrations create (as the owner) are the app's too.
  const owner = quoteIdent(target.table_owner);
  statements.push(
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT ${DEFAULT_TABLE_GRANT} ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT EXECUTE ON FUNCTIONS TO ${r}`,
  );
  // One simple-protocol query: one implicit transaction, all or nothing.
  await db.exec(statements.map((s) => `${s};`).join("\n"));

  // pg_trgm's functions belong to the superuser that installed the extension; PostgreSQL lets
  // everyone run them unless someone revoked that.
  const [trgm] = await db.query<{ ok: boolean | null }>(
    `SELECT has_function_privilege($1::text, p.oid, 'EXECUTE') AS ok FROM pg_proc p WHERE p.proname = 'show_trgm' LIMIT 1`,
    [role],
  );
  if (trgm && !trgm.ok)
    lines.push(
      `warning: "${role}" may not run pg_trgm's functions: as a superuser, GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO ${r}`,
    );
  return lines;
}
