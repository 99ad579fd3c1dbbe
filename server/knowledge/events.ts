/** Processing of one document was requested (upload, edit or retry). Carries the tenant id. */
export const DOCUMENT_PROCESS_REQUESTED = "knowledge/document.process-requested";

export interface DocumentProcessRequestedData {
  tenantId: string;
  documentId: string;
}
