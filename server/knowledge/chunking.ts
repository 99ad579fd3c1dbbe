/**
 * Splits a document by its structure (Markdown-style headings, paragraphs, list items,
 * table rows) into passages of roughly 200–500 words, each keeping the path of headings
 * above it, with one sentence of overlap between neighbours of the same section.
 */
export interface Chunk {
  headingPath: string;
  text: string;
}

export const MIN_WORDS = 200;
export const MAX_WORDS = 500;

const words = (s: string) => (s.match(/\S+/g) ?? []).length;

interface Block {
  path: string[];
  text: string;
  /** A table row's header row: a passage that starts inside a table repeats it. */
  tableHeader?: string;
}

function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const path: string[] = [];
  let paragraph: string[] = [];
  let tableHeader: string | undefined;
  const flush = () => {
    if (paragraph.length) blocks.push({ path: [...path], text: paragraph.join("\n").trim() });
    paragraph = [];
  };
  for (const line of text.split("\n")) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      tableHeader = undefined;
      const level = (heading[1] ?? "#").length;
      path.splice(level - 1, path.length, (heading[2] ?? "").trim());
      continue;
    }
    if (!line.trim()) {
      flush();
      tableHeader = undefined;
      continue;
    }
    // Table rows and list items are their own blocks, so a long list splits between items.
    if (/^\s*\|/.test(line)) {
      flush();
      if (/^\|?[\s:|-]+\|?$/.test(line.trim())) continue;
      tableHeader ??= line.trim();
      blocks.push({ path: [...path], text: line.trim(), tableHeader });
      continue;
    }
    tableHeader = undefined;
    if (/^\s*([-*•]|\d+[.)])\s+/.test(line)) {
      flush();
      blocks.push({ path: [...path], text: line.trim() });
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return blocks.filter((b) => b.text && !/^\|?[\s:|-]+\|?$/.test(b.text));
}

function splitLong(text: string): string[] {
  if (words(text) <= MAX_WORDS) return [text];
  const sentences = text.match(/[^.!?]+[.!?]+[\])'"»]*\s*|[^.!?]+$/g) ?? [text];
  const parts: string[] = [];
  let current = "";
  for (const s of sentences) {
    if (words(current + s) > MAX_WORDS && current) {
      parts.push(current.trim());
      current = "";
    }
    current += s;
  }
  if (current.trim()) parts.push(current.trim());
  // A single sentence longer than the limit is cut by words.
  return parts.flatMap((p) => {
    const w = p.split(/\s+/);
    if (w.length <= MAX_WORDS) return [p];
    const out: string[] = [];
    for (let i = 0; i < w.length; i += MAX_WORDS) out.push(w.slice(i, i + MAX_WORDS).join(" "));
    return out;
  });
}

function lastSentence(text: string): string {
  const sentences = text.match(/[^.!?\n]+[.!?]+/g);
  const last = sentences?.at(-1)?.trim() ?? "";
  return words(last) <= 40 ? last : "";
}

export function chunkDocument(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  /** The passage's heading path (its first section's), and the section its last block came from. */
  let path = "";
  let lastPath = "";
  let parts: string[] = [];
  let count = 0;
  const emit = () => {
    if (parts.length) chunks.push({ headingPath: path, text: parts.join("\n").trim() });
    parts = [];
    count = 0;
  };
  for (const block of toBlocks(text)) {
    const blockPath = block.path.join(" > ");
    for (const piece of splitLong(block.text)) {
      const n = words(piece);
      // A new section starts a new passage, unless the current one is too small to stand
      // alone; a small section merged into it stays whole (its blocks share lastPath).
      if (parts.length && blockPath !== lastPath && count >= MIN_WORDS / 4) emit();
      if (parts.length && count + n > MAX_WORDS) {
        const overlap = blockPath === lastPath ? lastSentence(parts.join(" ")) : "";
        emit();
        if (overlap) {
          parts.push(overlap);
          count = words(overlap);
        }
      }
      // A merged section is named once, where it starts.
      if (!parts.length) path = blockPath;
      else if (blockPath !== lastPath && block.path.length) parts.push(`${block.path.at(-1)}:`);
      lastPath = blockPath;
      // A row read without its header is a row of numbers nobody can interpret.
      if (block.tableHeader && block.tableHeader !== piece && !parts.includes(block.tableHeader)) {
        parts.push(block.tableHeader);
        count += words(block.tableHeader);
      }
      parts.push(piece);
      count += n;
    }
  }
  emit();
  return chunks.filter((c) => c.text);
}
