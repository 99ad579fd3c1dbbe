import { parse as parseCsv } from "csv-parse/sync";
import { AppError } from "@/lib/errors";
import { normalizeDocumentText } from "@/lib/text/fold";
import type { getDocumentProxy as getDocumentProxyType } from "unpdf";

/**
 * Turns an uploaded file into text with Markdown-style structure (headings, lists, table
 * rows) that chunking understands. Every failure becomes a message key a seller can act
 * on (knowledge.errors.*), never a stack trace.
 */
export type DocumentKind = "pdf" | "docx" | "html" | "csv" | "markdown" | "text";

export interface Extracted {
  kind: DocumentKind;
  text: string;
  /** CSV: one searchable entry per product row. */
  entries?: { title: string; text: string }[];
}

const failure = (key: string, detail?: string) => new AppError("BAD_REQUEST", `knowledge.errors.${key}`, detail ? { detail } : {});

export function detectKind(fileName: string, mimeType: string | null, bytes: Uint8Array): DocumentKind {
  const lower = fileName.toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (head[0] === 0x50 && head[1] === 0x4b) {
    if (lower.endsWith(".docx") || mimeType?.includes("wordprocessingml")) return "docx";
    throw failure("unsupportedType");
  }
  if (lower.endsWith(".pdf") || lower.endsWith(".docx")) throw failure("corrupt");
  if (lower.endsWith(".csv") || mimeType === "text/csv") return "csv";
  if (lower.endsWith(".html") || lower.endsWith(".htm") || mimeType?.includes("html")) return "html";
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "markdown";
  if (lower.endsWith(".txt") || mimeType?.startsWith("text/") || !/\.[a-z0-9]{1,8}$/.test(lower)) return "text";
  throw failure("unsupportedType");
}

/** Text files must be UTF-8 (or plain ASCII) and must not be binary renamed to .txt. */
function decodeText(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 9 && b !== 0)) control++;
  if (control > 0) throw failure("binary");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    // Windows-1250 exports are common in Poland; fall back rather than refuse.
    return new TextDecoder("windows-1250").decode(bytes);
  }
}

/** More text than any real document holds; a DOCX inflating past this is a zip bomb. */
const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

/** Streams every entry of a DOCX once, counting inflated bytes, and stops at the limit. */
async function assertReasonableZip(bytes: Uint8Array) {
  const { default: JSZip } = await import("jszip");
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw failure("corrupt");
  }
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream("nodebuffer");
      stream.on("data", (chunk: Buffer) => {
        total += chunk.byteLength;
        if (total > MAX_UNZIPPED_BYTES) {
          stream.removeAllListeners("data");
          stream.pause();
          reject(failure("zipBomb"));
        }
      });
      stream.on("error", () => reject(failure("corrupt")));
      stream.on("end", () => resolve());
    });
  }
}

async function htmlToStructuredText(html: string): Promise<string> {
  const { parseHTML } = await import("linkedom");
  const { Readability } = await import("@mozilla/readability");
  const { document } = parseHTML(html);
  for (const el of document.querySelectorAll("script, style, noscript, iframe, template")) el.remove();
  // Readability finds the article in a full web page; for a fragment it may give up, then the whole body counts.
  const article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  const root = article?.content ? parseHTML(`<html><body>${article.content}</body></html>`).document.body : document.body;
  const lines: string[] = [];
  const walk = (node: Element) => {
    for (const child of Array.from(node.children) as Element[]) {
      const tag = child.tagName.toLowerCase();
      const text = (child.textContent ?? "").replace(/\s+/g, " ").trim();
      if (/^h[1-6]$/.test(tag)) lines.push("", `${"#".repeat(Number(tag[1]))} ${text}`, "");
      else if (tag === "li") lines.push(`- ${text}`);
      else if (tag === "tr") lines.push(`| ${(Array.from(child.children) as Element[]).map((c) => (c.textContent ?? "").trim()).join(" | ")} |`);
      else if (tag === "p" || tag === "blockquote" || tag === "pre") lines.push(text, "");
      else if (child.children.length) walk(child);
      else if (text) lines.push(text, "");
    }
  };
  if (root) walk(root as unknown as Element);
  const title = article?.title ? `# ${article.title}\n\n` : "";
  return title + lines.join("\n");
}

function csvEntries(text: string): { title: string; text: string }[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true, delimiter: [",", ";", "\t"] });
  } catch (error) {
    throw failure("csvInvalid", error instanceof Error ? error.message.slice(0, 120) : undefined);
  }
  return rows
    .map((row) => {
      const values = Object.entries(row).filter(([, v]) => v);
      const title = values[0]?.[1] ?? "";
      return { title, text: values.map(([k, v]) => `${k}: ${v}`).join("\n") };
    })
    .filter((e) => e.text);
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxyType>>;

/**
 * The text of each page, one page at a time with a turn of the event loop in between:
 * pdf.js parses in promise callbacks, so reading every page at once (as unpdf's
 * extractText does) held this process's other requests for the whole document.
 */
async function pdfPageTexts(pdf: PdfDocument): Promise<string[]> {
  const texts: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return texts;
}

export async function extractDocument(fileName: string, mimeType: string | null, bytes: Uint8Array): Promise<Extracted> {
  if (bytes.byteLength === 0) throw failure("empty");
  const kind = detectKind(fileName, mimeType, bytes);
  let text: string;
  let entries: Extracted["entries"];
  switch (kind) {
    case "pdf": {
      const { getDocumentProxy } = await import("unpdf");
      let pdf;
      try {
        pdf = await getDocumentProxy(new Uint8Array(bytes));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (/password|encrypt/i.test(message)) throw failure("pdfEncrypted");
        throw failure("corrupt");
      }
      text = (await pdfPageTexts(pdf)).join("\n\n");
      if (text.replace(/\s/g, "").length < 20) throw failure("pdfNoText");
      break;
    }
    case "docx": {
      await assertReasonableZip(bytes);
      const mammoth = await import("mammoth");
      try {
        const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
        text = await htmlToStructuredText(`<html><body>${value}</body></html>`);
      } catch {
        throw failure("corrupt");
      }
      break;
    }
    case "html":
      text = await htmlToStructuredText(decodeText(bytes));
      break;
    case "csv":
      entries = csvEntries(decodeText(bytes));
      text = entries.map((e) => `## ${e.title}\n${e.text}`).join("\n\n");
      break;
    default:
      text = decodeText(bytes);
  }
  const normalized = normalizeDocumentText(text);
  if (!normalized) throw failure("empty");
  return { kind, text: normalized, entries };
}
