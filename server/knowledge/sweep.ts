import type { Database } from "@/server/db/client";
import { listDocumentsMissingEmbeddings, listDocumentsWithOutdatedTerms, listStalledDocuments } from "@/server/db/system";
import type { JobEvent } from "@/server/infra/jobs";
import { DOCUMENT_EMBED_REQUESTED, DOCUMENT_PROCESS_REQUESTED } from "./events";
import { vectorSearchEnabled } from "./embeddings";
import { TERMS_VERSION } from "./terms";

/** Processing one document takes seconds; a quarter of an hour means its run was lost. */
const STALLED_AFTER_MS = 15 * 60_000;

/**
 * What the periodic knowledge sweep must (re)request: stalled documents are processed
 * again (idempotent), as are documents whose passages an older term analyser wrote, and passages without vectors of the configured model — after a
 * lost embed event or a model change — are embedded. Event ids carry a time bucket so
 * the same document can be re-requested by a later sweep but not twice by one.
 */
export async function findKnowledgeWork(database: Database, now = new Date()): Promise<JobEvent[]> {
  const bucket = Math.floor(now.getTime() / STALLED_AFTER_MS);
  const stalled = await listStalledDocuments(database.prisma, new Date(now.getTime() - STALLED_AFTER_MS));
  const events: JobEvent[] = stalled.map((d) => ({
    name: DOCUMENT_PROCESS_REQUESTED,
    id: `${DOCUMENT_PROCESS_REQUESTED}:${d.id}:${d.attempts}:sweep:${bucket}`,
    data: { tenantId: d.tenantId, documentId: d.id, attempt: d.attempts },
  }));
  // Passages analysed by an older analyser are ranked with terms the queries no longer produce.
  const outdated = await listDocumentsWithOutdatedTerms(database.prisma, TERMS_VERSION);
  events.push(
    ...outdated.map((d) => ({
      name: DOCUMENT_PROCESS_REQUESTED,
      id: `${DOCUMENT_PROCESS_REQUESTED}:${d.id}:${d.attempts}:terms-v${TERMS_VERSION}:${bucket}`,
      data: { tenantId: d.tenantId, documentId: d.id, attempt: d.attempts },
    })),
  );
  const setup = vectorSearchEnabled(database);
  if (setup) {
    const unembedded = await listDocumentsMissingEmbeddings(database.prisma, setup.modelId, setup.dimensions);
    events.push(
      ...unembedded.map((d) => ({
        name: DOCUMENT_EMBED_REQUESTED,
        id: `${DOCUMENT_EMBED_REQUESTED}:${d.id}:${setup.modelId}:sweep:${bucket}`,
        data: { tenantId: d.tenantId, documentId: d.id },
      })),
    );
  }
  return events;
}
