import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { openTestDatabase, type TestDatabase } from "./support/database";

/**
 * schema.prisma and the hand-written migrations must never drift: every model, field,
 * enum and unique/normal index Prisma knows about must exist in the migrated catalog
 * with the same type and nullability, and every column in a model's table must be
 * known to the model (columns Prisma cannot type are listed in UNSUPPORTED_COLUMNS).
 */
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType?: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: DmmfIndex[] };
}

const UNSUPPORTED_COLUMNS: Record<string, string[]> = {
  // plus the pgvector column where the extension exists
  document_chunks: ["search_vector", "term_vector", "embedding"],
};

const schema = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))) as Dmmf;

function expectedType(field: DmmfField): string {
  if (field.isList) return `_${expectedType({ ...field, isList: false })}`;
  if (field.kind === "enum") return `enum:${field.type}`;
  const native = field.nativeType?.[0];
  if (native === "Uuid") return "uuid";
  if (native === "Date") return "date";
  if (native === "Timestamptz" || (field.type === "DateTime" && !native)) return field.type === "DateTime" && !native ? "timestamp" : "timestamptz";
  switch (field.type) {
    case "String": return native === "VarChar" ? "varchar" : "text";
    case "Int": return "int4";
    case "BigInt": return "int8";
    case "Boolean": return "bool";
    case "Float": return "float8";
    case "Decimal": return "numeric";
    case "Json": return "jsonb";
    case "Bytes": return "bytea";
    default: return field.type;
  }
}

let db: TestDatabase;
let columns: { table_name: string; column_name: string; is_nullable: string; udt_name: string; data_type: string }[];

beforeAll(async () => {
  db = await openTestDatabase();
  columns = await db.owner.query(
    `SELECT table_name, column_name, is_nullable, udt_name, data_type FROM information_schema.columns WHERE table_schema = 'public'`,
  );
});
afterAll(async () => {
  await db?.close();
});

describe("schema.prisma matches the migrated database", () => {
  const models = dmmf.datamodel.models;

  it.each(models.map((m) => [m.name, m] as const))("model %s", (_name, model) => {
    const table = model.dbName ?? model.name;
    const tableColumns = columns.filter((c) => c.table_name === table);
    expect(tableColumns.length, `table ${table} exists`).toBeGreaterThan(0);
    const scalarFields = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    for (const field of scalarFields) {
      const column = field.dbName ?? field.name;
      const actual = tableColumns.find((c) => c.column_name === column);
      expect(actual, `${table}.${column} exists`).toBeDefined();
      if (!actual) continue;
      const actualType = actual.data_type === "USER-DEFINED" ? `enum:${actual.udt_name}` : actual.udt_name;
      // Prisma requires list columns to be NOT NULL with a default, and reports them as optional-less lists.
      if (field.isList) {
        expect(actualType, `${table}.${column} type`).toBe(expectedType(field));
        expect(actual.is_nullable, `${table}.${column} nullability`).toBe("NO");
        continue;
      }
      expect(actualType, `${table}.${column} type`).toBe(expectedType(field));
      expect(actual.is_nullable === "NO", `${table}.${column} nullability`).toBe(field.isRequired);
    }
    const known = new Set([...scalarFields.map((f) => f.dbName ?? f.name), ...(UNSUPPORTED_COLUMNS[table] ?? [])]);
    const unknown = tableColumns.map((c) => c.column_name).filter((c) => !known.has(c));
    expect(unknown, `${table} has columns the Prisma model does not declare`).toEqual([]);
  });

  it("every model table is covered (no table without a model)", () => {
    const modelTables = new Set(models.map((m) => m.dbName ?? m.name));
    const tables = new Set(columns.map((c) => c.table_name));
    tables.delete("_prisma_migrations");
    expect([...tables].filter((t) => !modelTables.has(t))).toEqual([]);
  });

  it("enums have the same values", async () => {
    const rows = await db.owner.query<{ typname: string; label: string }>(
      `SELECT t.typname, e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`,
    );
    for (const en of dmmf.datamodel.enums) {
      expect(rows.filter((r) => r.typname === en.name).map((r) => r.label), en.name).toEqual(en.values.map((v) => v.name));
    }
  });

  it("unique and secondary indexes exist with the same columns", async () => {
    const rows = await db.owner.query<{ table: string; unique: boolean; primary: boolean; cols: string }>(
      `SELECT t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
              string_agg(a.attname, ',' ORDER BY k.ord) AS cols
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`,
    );
    for (const index of dmmf.datamodel.indexes) {
      const model = models.find((m) => m.name === index.model);
      if (!model) continue;
      const table = model.dbName ?? model.name;
      const cols = index.fields
        .map((f) => model.fields.find((mf) => mf.name === f.name))
        .map((f) => f?.dbName ?? f?.name)
        .join(",");
      const match = rows.find(
        (r) => r.table === table && r.cols === cols && (index.type === "normal" || r.unique) && (index.type !== "id" || r.primary),
      );
      expect(match, `${index.type} index on ${table}(${cols})`).toBeDefined();
    }
  });
});
