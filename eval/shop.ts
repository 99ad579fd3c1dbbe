import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Database } from "@/server/db/client";

/**
 * What both evaluations share: a throw-away shop (tenant + owner) with every file of a
 * knowledge-base directory uploaded and processed through the real pipeline, and the
 * JSON Lines question file. The shop is deleted again afterwards (cascades).
 */
export const ZQuestion = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    question: z.string(),
    gold_docs: z.array(z.string()).default([]),
    must_contain: z.array(z.string()).default([]),
    must_not_contain: z.array(z.string()).default([]),
    answerable: z.boolean().optional(),
    attack: z.boolean().optional(),
  })
  .passthrough();
export type Question = z.infer<typeof ZQuestion>;

export function readQuestions(file: string): Question[] {
  return readFileSync(path.resolve(file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => ZQuestion.parse(JSON.parse(l)));
}

export interface EvalShop {
  db: Database;
  tenantId: string;
  userId: string;
  slug: string;
  dispose(): Promise<void>;
}

export async function openEvalShop(kb: string, log: (line: string) => void): Promise<EvalShop> {
  const [{ getDatabase }, { signUp }, { tenantDb }, { createDocument }, { drainInlineJobs }] = await Promise.all([
    import("@/server/db/client"),
    import("@/server/auth/account-service"),
    import("@/server/db/tenant-scope"),
    import("@/server/knowledge/document-service"),
    import("@/server/infra/jobs"),
  ]);
  const db = await getDatabase();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const { user, tenant } = await signUp(db, {
    email: `eval-${stamp}@eval.invalid`, name: "Eval", password: `eval-${stamp}-password`, shopName: "Sklep Demo", slug: `eval-${stamp}`,
  });
  await db.owner.query(`INSERT INTO plans (id, name, max_documents, max_file_bytes) VALUES ('eval', 'Eval', 100000, 104857600) ON CONFLICT (id) DO NOTHING`);
  await db.owner.query(`UPDATE tenants SET plan_id = 'eval' WHERE id = $1`, [tenant.id]);
  const dispose = async () => {
    await db.owner.query(`DELETE FROM tenants WHERE id = $1`, [tenant.id]);
    await db.owner.query(`DELETE FROM users WHERE id = $1`, [user.id]);
  };
  try {
    const scoped = tenantDb(db.prisma, tenant.id);
    const kbDir = path.resolve(kb);
    const files = readdirSync(kbDir).filter((f) => statSync(path.join(kbDir, f)).isFile()).sort();
    const started = performance.now();
    for (const file of files) {
      await createDocument(db, scoped, tenant.id, user.id, {
        title: file.replace(/\.[a-z0-9]+$/i, ""),
        source: "upload",
        fileName: file,
        bytes: new Uint8Array(readFileSync(path.join(kbDir, file))),
      });
    }
    await drainInlineJobs();
    const docs = await scoped.document.findMany({ select: { fileName: true, status: true, errorKey: true, chunkCount: true } });
    const failed = docs.filter((d) => d.status !== "ready");
    log(`Ingested ${docs.length - failed.length}/${docs.length} documents, ${docs.reduce((s, d) => s + d.chunkCount, 0)} passages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const f of failed) log(`  failed: ${f.fileName}: ${f.errorKey}`);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { db, tenantId: tenant.id, userId: user.id, slug: tenant.slug, dispose };
}
