/**
 * This browser's localStorage, for small UI memories (unsent drafts, "don't ask again",
 * a hidden checklist). Never throws: absent on the server, and private modes, full
 * quotas or storage turned off read as "nothing stored" and skip the write.
 */
export function readStored(key: string): string | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value` (null removes the key); false when the browser refused. */
export function writeStored(key: string, value: string | null): boolean {
  try {
    if (typeof window === "undefined") return false;
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
