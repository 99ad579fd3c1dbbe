import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import type { Locale } from "@/lib/i18n/messages";

type KnowledgeOutputs = inferRouterOutputs<AppRouter>["knowledgeBase"];

export type KnowledgeDocument = KnowledgeOutputs["list"][number];
export type DocumentDetail = KnowledgeOutputs["get"];
export type PlanLimits = KnowledgeOutputs["limits"];
export type SearchPassage = KnowledgeOutputs["testSearch"][number];

export type DocumentStatus = KnowledgeDocument["status"];
export type DocumentKind = "pdf" | "docx" | "txt" | "markdown" | "html" | "csv" | "file" | "text" | "url";

/** Queued and processing documents change on their own; the list polls while there are any. */
export const isInProgress = (status: DocumentStatus) => status === "queued" || status === "processing";

/** What the upload route's extractor reads (server/knowledge/extract.ts). */
const EXTENSIONS: Record<string, DocumentKind> = {
  pdf: "pdf",
  docx: "docx",
  txt: "txt",
  md: "markdown",
  markdown: "markdown",
  html: "html",
  htm: "html",
  csv: "csv",
};

export const ACCEPTED_FILES = [
  ...Object.keys(EXTENSIONS).map((ext) => `.${ext}`),
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/plain",
  "text/markdown",
  "text/html",
  "text/csv",
].join(",");

function extensionOf(fileName: string): string | undefined {
  return /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase();
}

/** A file the server will try to read: a known extension, or none at all (read as text). */
export function isAcceptedFile(fileName: string): boolean {
  const ext = extensionOf(fileName);
  return ext === undefined || ext in EXTENSIONS;
}

const MIME_KINDS: Record<string, DocumentKind> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/html": "html",
  "text/csv": "csv",
  "text/markdown": "markdown",
  "text/plain": "txt",
};

/** The format shown in the list: the file's type for uploads, else where the text came from. */
export function documentKind(doc: Pick<KnowledgeDocument, "source" | "fileName" | "mimeType">): DocumentKind {
  if (doc.source === "text") return "text";
  if (doc.source === "url") return "url";
  const ext = doc.fileName ? extensionOf(doc.fileName) : undefined;
  return (ext && EXTENSIONS[ext]) || (doc.mimeType && MIME_KINDS[doc.mimeType]) || "file";
}

/** "820 B", "14 kB", "2,4 MB", in the reader's number format. */
export function formatBytes(bytes: number, locale: Locale): string {
  // Intl spells bytes out in English ("820 byte"); B is what people read everywhere.
  if (bytes < 1024) return `${new Intl.NumberFormat(locale).format(bytes)} B`;
  const [value, unit]: [number, "kilobyte" | "megabyte"] = bytes < 1024 * 1024 ? [bytes / 1024, "kilobyte"] : [bytes / 1048576, "megabyte"];
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: unit === "megabyte" && value < 10 ? 1 : 0,
  }).format(value);
}

export type PluralForm = "one" | "few" | "many" | "other";

/** The CLDR plural category of a count (Polish: 1 dokument, 2 dokumenty, 5 dokumentów). */
export function pluralForm(count: number, locale: Locale): PluralForm {
  const form = new Intl.PluralRules(locale).select(count);
  return form === "one" || form === "few" || form === "many" ? form : "other";
}
