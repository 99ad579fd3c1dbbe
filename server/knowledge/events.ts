/** Processing of one document was requested (upload, edit or retry). Carries the tenant id. */
export const DOCUMENT_PROCESS_REQUESTED = "knowledge/document.process-requested";

export interface DocumentProcessRequestedData {
  tenantId: string;
  documentId: string;
  /** The document's attempt counter when requested; an older attempt finishing late is ignored. */
  attempt?: number;
}

/** A ready document's passages need vectors (after processing, or the configured model changed). */
export const DOCUMENT_EMBED_REQUESTED = "knowledge/document.embed-requested";

export interface DocumentEmbedRequestedData {
  tenantId: string;
  documentId: string;
}
