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
/** ColumnTypeEnum.Character of @prisma/driver-adapter-utils 6.19 (what the engine reads a `"char"` as). */
const CHARACTER_COLUMN = 6;

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];
type Queryable = Pick<Adapter, "queryRaw"> & { performIO(query: Query): Promise<pg.QueryResult> };

/**
 * The schema engine introspects pg_catalog columns of type `name` and `"char"`,
 * which adapter-pg cannot map ("Column type 'name' could not be deserialized",
 * prisma/orm#27403). `name` is plain text. A `"char"` (pg_constraint.contype,
 * pg_class.relkind, …) must reach the engine as a character, not as text: read
 * as text, the engine panics (`RuntimeError: unreachable`) on the first CHECK
 * or constraint-trigger row while describing a database, which stopped
 * `migrate diff --from-migrations`, `migrate dev` and `db pull` here.
 */
function mapInternalTypes(queryable: Queryable) {
  const performIO = queryable.performIO.bind(queryable);
  const queryRaw = queryable.queryRaw.bind(queryable);
  const charColumns = new WeakMap<Query, number[]>();
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    const chars: number[] = [];
    (result?.fields ?? []).forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) chars.push(i);
      if (field.dataTypeID === PG_NAME_OID || field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    });
    if (chars.length > 0) charColumns.set(query, chars);
    return result;
  };
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) (result.columnTypes as number[])[i] = CHARACTER_COLUMN;
    return result;
  };
}

/** The adapter and every transaction it starts map the internal types. */
function withInternalTypes(adapter: Adapter): Adapter {
  mapInternalTypes(adapter as unknown as Queryable);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => {
    const tx = await startTransaction(...args);
    mapInternalTypes(tx as unknown as Queryable);
    return tx;
  };
  return adapter;
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
    super(new pg.Pool(fields), { disposeExternalPool: true });
    this.fields = fields;
  }

  override async connect() {
    return runScriptsWhole(withInternalTypes(await super.connect()));
  }

  /**
   * The stock shadow database reuses the main pool's config (whose database
   * wins) and drops the database before closing its pool. Here the shadow pool
   * gets its own database name, and is closed before the drop.
   *
   * PGlite serves one database whatever name a connection asks for, so there
   * the "shadow" is the main database: fine when it is empty (a scratch
   * embedded database, as scripts/lib/schema-diff.ts makes), refused otherwise
   * rather than replaying the migrations over real tables.
   */
  override async connectToShadowDb() {
    const admin = new pg.Pool(this.fields);
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const drop = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.end();
    };
    const pool = new pg.Pool({ ...this.fields, database });
    const { rows } = await pool.query<{ current: string; tables: number }>(
      `SELECT current_database() AS current, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables`,
    );
    if (rows[0].current !== database && rows[0].tables > 0) {
      await pool.end();
      await drop();
      throw new Error(`This server ignores the database name (PGlite?): the shadow database would be "${rows[0].current}", which is not empty. Use an empty embedded database for it (npm run db:diff does).`);
    }
    const shadow = new PrismaPg(pool, { disposeExternalPool: true });
    const adapter = runScriptsWhole(withInternalTypes(await shadow.connect()));
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await drop();
    };
    return adapter;
  }
}
