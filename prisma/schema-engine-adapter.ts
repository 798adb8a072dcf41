/**
 * The driver adapter Prisma's JavaScript (WASM) schema engine uses for
 * `prisma migrate …` on machines that cannot download Prisma's native engines.
 * Each workaround below is for a verified failure of @prisma/adapter-pg 6.19
 * when driven by the schema engine (see shared STACK.md). The application's own
 * client (lib/db.ts) uses the stock adapter: none of this applies to it.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parse } from "pg-connection-string";

const PG_NAME_OID = 19;
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The schema engine introspects pg_catalog columns of type `name` and `"char"`,
 * which adapter-pg cannot map ("Column type 'name' could not be deserialized",
 * prisma/orm#27403). Both are plain text on the wire: report them as `text`.
 */
function reportInternalTypesAsText(result: pg.QueryResult | undefined) {
  for (const field of result?.fields ?? []) {
    if (field.dataTypeID === PG_NAME_OID || field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
    }
  }
}

function patchClient(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
    const callback = args[args.length - 1];
    if (typeof callback === "function") {
      // pg.Pool#query passes a callback.
      args[args.length - 1] = (err: Error | null, result: pg.QueryResult) => {
        if (!err) reportInternalTypesAsText(result);
        callback(err, result);
      };
      return query(...args);
    }
    return (query(...args) as Promise<pg.QueryResult>).then((result) => {
      reportInternalTypesAsText(result);
      return result;
    });
  };
}

function makePool(config: pg.PoolConfig) {
  const pool = new pg.Pool(config);
  pool.on("connect", patchClient);
  return pool;
}

/** Discrete connection fields: a `connectionString` would win over `database`. */
function connectionFields(url: string): pg.PoolConfig {
  const parsed = parse(url);
  return {
    host: parsed.host ?? undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user,
    password: parsed.password,
    database: parsed.database ?? undefined,
  };
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * adapter-pg runs a migration script by splitting it on every ";", which cuts
 * PL/pgSQL function bodies ($$ … ; … $$) apart ("unterminated dollar-quoted
 * string"). Sent whole as one simple query instead, PostgreSQL parses the
 * quoting itself and runs the script in one implicit transaction, so a failed
 * migration leaves nothing half-applied.
 */
function runScriptsWhole(adapter: Adapter): Adapter {
  const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      onError(error);
    }
  };
  return adapter;
}

export class SchemaEnginePg extends PrismaPg {
  private readonly fields: pg.PoolConfig;

  constructor(url: string) {
    const fields = connectionFields(url);
    super(makePool(fields), { disposeExternalPool: true });
    this.fields = fields;
  }

  override async connect() {
    return runScriptsWhole(await super.connect());
  }

  /**
   * The stock shadow database reuses the main pool's config (whose database
   * wins) and drops the database before closing its pool. Here the shadow pool
   * gets its own database name, and is closed before the drop.
   */
  override async connectToShadowDb() {
    const admin = makePool(this.fields);
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const shadow = new PrismaPg(makePool({ ...this.fields, database }), { disposeExternalPool: true });
    const adapter = runScriptsWhole(await shadow.connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.end();
    };
    return adapter;
  }
}
