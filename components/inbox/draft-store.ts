import { readStored, writeStored } from "@/components/browser-storage";

/**
 * Unsent text of the reply box, per conversation and mode (reply / note). Kept in
 * localStorage so that moving to another conversation, a reload or a closed tab does not
 * throw away a half-written reply; a draft is dropped when it is sent or emptied, and
 * forgotten after DRAFT_DAYS. Without storage (private mode, quota) it lives in memory.
 */
const PREFIX = "bokai:draft:";
const DRAFT_DAYS = 14;
const memory = new Map<string, string>();

interface Stored {
  text: string;
  savedAt: number;
}

export function draftKey(conversationId: string, mode: string) {
  return `${PREFIX}${conversationId}:${mode}`;
}

export function readDraft(key: string): string {
  const raw = readStored(key);
  if (!raw) return memory.get(key) ?? "";
  try {
    const stored = JSON.parse(raw) as Partial<Stored>;
    if (typeof stored.text === "string" && typeof stored.savedAt === "number" && Date.now() - stored.savedAt < DRAFT_DAYS * 86_400_000) return stored.text;
  } catch {
    // Not ours or damaged: forget it.
  }
  writeStored(key, null);
  return "";
}

export function writeDraft(key: string, text: string) {
  if (!text) {
    memory.delete(key);
    writeStored(key, null);
    return;
  }
  // The in-memory copy survives moving between conversations even where storage is refused.
  memory.set(key, text);
  writeStored(key, JSON.stringify({ text, savedAt: Date.now() } satisfies Stored));
}
