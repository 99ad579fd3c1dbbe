import type { Database } from "@/server/db/client";
import type { ScopedDb } from "@/server/db/tenant-scope";
import type { DocumentSource } from "@/server/db/generated/client";
import { dispatchTenantOutbox } from "@/server/infra/outbox";
import { AppError } from "@/lib/errors";
import { DOCUMENT_PROCESS_REQUESTED } from "./events";
import { fetchPublicDocument, type UrlFetchOptions } from "./url-import";

const listSelect = {
  id: true,
  title: true,
  source: true,
  fileName: true,
  mimeType: true,
  sourceUrl: true,
  sizeBytes: true,
  status: true,
  errorKey: true,
  chunkCount: true,
  processedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function listDocuments(db: ScopedDb) {
  return db.document.findMany({ orderBy: { createdAt: "desc" }, select: listSelect });
}

export async function getDocument(db: ScopedDb, id: string) {
  const doc = await db.document.findUnique({
    where: { id },
    select: { ...listSelect, text: true, chunks: { orderBy: { position: "asc" }, select: { id: true, position: true, headingPath: true, text: true } } },
  });
  if (!doc) throw new AppError("NOT_FOUND", "knowledge.errors.documentNotFound");
  return doc;
}

export async function planLimits(db: ScopedDb, tenantId: string) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { plan: { select: { id: true, name: true, maxDocuments: true, maxFileBytes: true } } } });
  if (!tenant) throw new AppError("NOT_FOUND", "errors.tenantNotFound");
  const used = await db.document.count();
  return { ...tenant.plan, usedDocuments: used };
}

export interface NewDocument {
  title: string;
  source: DocumentSource;
  fileName?: string;
  mimeType?: string;
  sourceUrl?: string;
  bytes: Uint8Array;
}

/**
 * Stores a document and requests its processing, in one transaction. Plan limits are
 * checked first, under a lock on the tenant row so two uploads cannot both take the last
 * slot; over a limit, nothing is stored.
 */
export async function createDocument(database: Database, db: ScopedDb, tenantId: string, userId: string, input: NewDocument) {
  if (input.bytes.byteLength === 0) throw new AppError("BAD_REQUEST", "knowledge.errors.empty");
  const created = await db.$scoped(async (tx) => {
    const [plan] = await tx.$queryRaw<{ max_documents: number; max_file_bytes: number }[]>`
      SELECT p.max_documents, p.max_file_bytes FROM tenants t JOIN plans p ON p.id = t.plan_id WHERE t.id = ${tenantId}::uuid FOR UPDATE OF t`;
    if (!plan) throw new AppError("NOT_FOUND", "errors.tenantNotFound");
    if (input.bytes.byteLength > plan.max_file_bytes) {
      throw new AppError("BAD_REQUEST", "knowledge.errors.tooLarge", { maxMb: Math.round(plan.max_file_bytes / 1048576) });
    }
    const count = await tx.document.count();
    if (count >= plan.max_documents) throw new AppError("PRECONDITION_FAILED", "knowledge.errors.overLimit", { max: plan.max_documents });
    const doc = await tx.document.create({
      data: {
        tenantId,
        title: input.title,
        source: input.source,
        fileName: input.fileName,
        mimeType: input.mimeType,
        sourceUrl: input.sourceUrl,
        sizeBytes: input.bytes.byteLength,
        original: Buffer.from(input.bytes),
        createdById: userId,
        attempts: 1,
      },
      select: listSelect,
    });
    await tx.outboxEvent.create({
      data: { tenantId, name: DOCUMENT_PROCESS_REQUESTED, eventKey: `${doc.id}:1`, payload: { tenantId, documentId: doc.id, attempt: 1 } },
    });
    return doc;
  });
  await dispatchTenantOutbox(database, tenantId);
  return created;
}

/** A page's <title>, when it has one, names the document. */
function htmlTitle(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 65_536)).toString("utf8");
  const match = /<title[^>]*>([^<]{1,300})<\/title>/i.exec(head);
  const title = match?.[1]?.replace(/\s+/g, " ").trim();
  return title ? title.slice(0, 200) : undefined;
}

/**
 * "Add from URL": the page is fetched now (so a blocked, missing or oversized page is a
 * clear error and nothing is stored), then stored and processed like an upload.
 */
export async function createDocumentFromUrl(
  database: Database,
  db: ScopedDb,
  tenantId: string,
  userId: string,
  input: { url: string; title?: string },
  fetchOptions: Omit<UrlFetchOptions, "maxBytes"> = {},
) {
  const limits = await planLimits(db, tenantId);
  if (limits.usedDocuments >= limits.maxDocuments) throw new AppError("PRECONDITION_FAILED", "knowledge.errors.overLimit", { max: limits.maxDocuments });
  const page = await fetchPublicDocument(input.url, { ...fetchOptions, maxBytes: limits.maxFileBytes });
  const url = new URL(page.finalUrl);
  return createDocument(database, db, tenantId, userId, {
    title: input.title || (page.mimeType === "text/html" ? htmlTitle(page.bytes) : undefined) || `${url.hostname}${url.pathname === "/" ? "" : url.pathname}`.slice(0, 200),
    source: "url",
    fileName: page.fileName,
    mimeType: page.mimeType,
    sourceUrl: page.finalUrl,
    bytes: page.bytes,
  });
}

/** Re-queues processing (after a failure, an edit or a replaced file). */
interface RequeueChanges {
  title?: string;
  source?: DocumentSource;
  original?: Uint8Array<ArrayBuffer>;
  sizeBytes?: number;
  fileName?: string;
  mimeType?: string;
  sourceUrl?: string | null;
}

async function requeue(database: Database, db: ScopedDb, tenantId: string, id: string, data: RequeueChanges) {
  const doc = await db.$scoped(async (tx) => {
    const current = await tx.document.findUnique({ where: { id }, select: { id: true, attempts: true } });
    if (!current) throw new AppError("NOT_FOUND", "knowledge.errors.documentNotFound");
    const attempt = current.attempts + 1;
    const updated = await tx.document.update({
      where: { id },
      data: { ...data, status: "queued", errorKey: null, errorDetail: null, attempts: attempt },
      select: listSelect,
    });
    await tx.outboxEvent.create({
      data: { tenantId, name: DOCUMENT_PROCESS_REQUESTED, eventKey: `${id}:${attempt}`, payload: { tenantId, documentId: id, attempt } },
    });
    return updated;
  });
  await dispatchTenantOutbox(database, tenantId);
  return doc;
}

export function retryDocument(database: Database, db: ScopedDb, tenantId: string, id: string) {
  return requeue(database, db, tenantId, id, {});
}

export async function updateDocument(database: Database, db: ScopedDb, tenantId: string, input: { id: string; title?: string; text?: string }) {
  const doc = await db.document.findUnique({ where: { id: input.id }, select: { source: true, title: true } });
  if (!doc) throw new AppError("NOT_FOUND", "knowledge.errors.documentNotFound");
  if (input.text !== undefined) {
    // Edited text replaces the original: the document becomes a text document.
    const bytes = new Uint8Array(Buffer.from(input.text, "utf8"));
    return requeue(database, db, tenantId, input.id, {
      title: input.title,
      original: bytes,
      sizeBytes: bytes.byteLength,
      // The edited text is Markdown now, whatever the file or page it came from.
      fileName: doc.source === "text" ? undefined : `${input.title ?? doc.title}.md`,
      mimeType: "text/markdown",
    });
  }
  return requeue(database, db, tenantId, input.id, { title: input.title });
}

export async function replaceDocumentFile(database: Database, db: ScopedDb, tenantId: string, input: { id: string; fileName: string; mimeType?: string; bytes: Uint8Array }) {
  const plan = await planLimits(db, tenantId);
  if (input.bytes.byteLength > plan.maxFileBytes) throw new AppError("BAD_REQUEST", "knowledge.errors.tooLarge", { maxMb: Math.round(plan.maxFileBytes / 1048576) });
  // A replaced file is an upload now, whatever the document started as.
  return requeue(database, db, tenantId, input.id, {
    source: "upload",
    original: new Uint8Array(input.bytes),
    sizeBytes: input.bytes.byteLength,
    fileName: input.fileName,
    mimeType: input.mimeType,
    sourceUrl: null,
  });
}

export async function deleteDocument(db: ScopedDb, id: string) {
  const result = await db.document.deleteMany({ where: { id } });
  if (result.count === 0) throw new AppError("NOT_FOUND", "knowledge.errors.documentNotFound");
}
