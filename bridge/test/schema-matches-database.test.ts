import { readFile } from "node:fs/promises";
import path from "node:path";
import internals from "@prisma/internals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECK_CONSTRAINTS, PARTIAL_INDEXES } from "../src/db/schema-extras.ts";
import { createTestDatabase, type TestDatabase } from "./create-test-database.ts";

type Dmmf = Awaited<ReturnType<typeof internals.getDMMF>>;
type Model = Dmmf["datamodel"]["models"][number];
type Field = Model["fields"][number];

const schemaFile = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

/** The PostgreSQL type Prisma's migrations give a scalar field. */
function expectedType(field: Field): string {
  const native = field.nativeType?.[0];
  if (native === "Uuid") return "uuid";
  if (native === "Date") return "date";
  if (native === "Timestamptz") return "timestamp with time zone";
  const byType: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Boolean: "boolean",
    Json: "jsonb",
    Bytes: "bytea",
    DateTime: "timestamp without time zone",
  };
  const type = byType[field.type];
  if (!type) throw new Error(`no mapping for ${field.type}`);
  return type;
}

/** Whether the database should hold a default: Prisma computes cuid()/uuid() in the client. */
function hasDatabaseDefault(field: Field): boolean {
  if (!field.hasDefaultValue) return false;
  const fn = (field.default as { name?: string } | undefined)?.name;
  return fn !== "cuid" && fn !== "uuid";
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
}

describe("the migrated database matches prisma/schema.prisma", () => {
  let db: TestDatabase;
  let dmmf: Dmmf;
  let columns: ColumnRow[];

  beforeAll(async () => {
    db = await createTestDatabase();
    dmmf = await internals.getDMMF({ datamodel: await readFile(schemaFile, "utf8") });
    columns = (
      await db.pool.query<ColumnRow>(
        `SELECT table_name, column_name, data_type, is_nullable, column_default
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      )
    ).rows;
  });
  afterAll(() => db.drop());

  it("has exactly the schema's tables", () => {
    const tables = [...new Set(columns.map((c) => c.table_name))].sort();
    expect(tables).toEqual(dmmf.datamodel.models.map((m) => m.name).sort());
  });

  it("has exactly each model's columns, with their types, nullability and defaults", () => {
    for (const model of dmmf.datamodel.models) {
      const scalars = model.fields.filter((f) => f.kind === "scalar");
      const dbColumns = columns.filter((c) => c.table_name === model.name);
      expect(dbColumns.map((c) => c.column_name).sort(), model.name).toEqual(
        scalars.map((f) => f.name).sort(),
      );
      for (const field of scalars) {
        const column = dbColumns.find((c) => c.column_name === field.name);
        const where = `${model.name}.${field.name}`;
        expect(column?.data_type, where).toBe(expectedType(field));
        expect(column?.is_nullable, where).toBe(field.isRequired ? "NO" : "YES");
        expect(column?.column_default !== null, `${where} default`).toBe(hasDatabaseDefault(field));
      }
    }
  });

  it("has the schema's primary keys, unique constraints and indexes, and only the documented extras", async () => {
    const { rows } = await db.pool.query<{
      table: string;
      name: string;
      unique: boolean;
      columns: string[];
      partial: boolean;
    }>(
      `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indpred IS NOT NULL AS partial,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_index ix
         JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
         JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE t.relname <> '_prisma_migrations'
        GROUP BY t.relname, i.relname, ix.indisunique, ix.indpred`,
    );
    const describeIndex = (table: string, unique: boolean, cols: string[]) =>
      `${table}(${cols.join(",")})${unique ? " unique" : ""}`;
    const expected = dmmf.datamodel.indexes.map((index) =>
      describeIndex(
        index.model,
        index.type !== "normal",
        index.fields.map((f) => f.name),
      ),
    );
    const actual = rows.filter((r) => !r.partial).map((r) => describeIndex(r.table, r.unique, r.columns));
    expect(actual.sort()).toEqual(expected.sort());

    const partial = rows.filter((r) => r.partial).map((r) => `${r.table}.${r.name}`);
    expect(partial.sort()).toEqual(
      Object.entries(PARTIAL_INDEXES)
        .flatMap(([table, names]) => names.map((name) => `${table}.${name}`))
        .sort(),
    );
  });

  it("has the schema's foreign keys with their ON DELETE actions", async () => {
    const { rows } = await db.pool.query<{
      table: string;
      column: string;
      target: string;
      on_delete: string;
    }>(
      `SELECT c.conrelid::regclass::text AS table, a.attname AS column,
              c.confrelid::regclass::text AS target, c.confdeltype AS on_delete
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f'`,
    );
    const action: Record<string, string> = { Cascade: "c", Restrict: "r", SetNull: "n", NoAction: "a" };
    const expected = dmmf.datamodel.models.flatMap((model) =>
      model.fields
        .filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0)
        .map(
          (f) =>
            `"${model.name}".${f.relationFromFields?.[0]} -> "${f.type}" on delete ${action[f.relationOnDelete ?? "Restrict"]}`,
        ),
    );
    const actual = rows.map((r) => `${r.table}.${r.column} -> ${r.target} on delete ${r.on_delete}`);
    expect(actual.sort()).toEqual(expected.sort());
  });

  it("has the CHECK constraints the migrations add by hand, and no others", async () => {
    const { rows } = await db.pool.query<{ table: string; name: string }>(
      `SELECT conrelid::regclass::text AS table, conname AS name FROM pg_constraint
        WHERE contype = 'c' AND connamespace = 'public'::regnamespace`,
    );
    expect(rows.map((r) => `${r.table.replaceAll('"', "")}.${r.name}`).sort()).toEqual(
      Object.entries(CHECK_CONSTRAINTS)
        .flatMap(([table, names]) => names.map((name) => `${table}.${name}`))
        .sort(),
    );
  });
});
