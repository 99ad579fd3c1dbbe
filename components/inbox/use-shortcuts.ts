"use client";

import { useEffect, useRef } from "react";

type ShortcutHandlers = Partial<Record<string, () => void>>;

/** Keys typed into a field, or inside an open menu, listbox or dialog, belong to that control. */
function belongsToControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest("input, textarea, select, [role='menu'], [role='listbox'], [role='dialog']")) return true;
  return false;
}

/**
 * Single-key shortcuts (no Ctrl/Cmd/Alt) for the inbox. Handlers are read at key time,
 * so callers can pass fresh closures on every render without re-subscribing.
 */
export function useShortcuts(handlers: ShortcutHandlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (belongsToControl(event.target)) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const handler = latest.current[key];
      if (!handler) return;
      event.preventDefault();
      handler();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
