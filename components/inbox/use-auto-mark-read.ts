"use client";

import { useCallback, useEffect, useRef } from "react";
import type { ThreadConversation } from "./types";

/**
 * Opening a conversation with unread messages marks it read, and so does a new buyer
 * message arriving while it is open and on screen. Once the seller marks it unread by
 * hand, it stays unread until they leave it or mark it read themselves.
 */
export function useAutoMarkRead(conversation: ThreadConversation | undefined, markRead: (read: boolean) => void) {
  const markedFor = useRef<string | null>(null);
  const keptUnread = useRef(false);

  useEffect(() => {
    if (!conversation || conversation.unreadCount === 0 || keptUnread.current) return;
    if (document.visibilityState !== "visible") return;
    const key = `${conversation.id}:${conversation.lastMessageAt.getTime()}`;
    if (markedFor.current === key) return;
    markedFor.current = key;
    markRead(true);
  }, [conversation, markRead]);

  return useCallback(
    (read: boolean) => {
      keptUnread.current = !read;
      markRead(read);
    },
    [markRead],
  );
}
