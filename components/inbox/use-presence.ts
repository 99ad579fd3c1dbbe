"use client";

import { useEffect, useState } from "react";
import { useTRPCClient } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import type { PresenceViewer } from "./types";

/** The server forgets a viewer 20 s after the last heartbeat; every 5 s keeps us listed. */
const HEARTBEAT_MS = 5_000;

/**
 * Tells the server we are looking at (or typing in) this conversation and returns who
 * else is. A change of `typing` is sent at once; a failed heartbeat is simply retried
 * on the next tick (presence is a hint, never worth an error message).
 */
export function usePresence(conversationId: string, typing: boolean): PresenceViewer[] {
  const client = useTRPCClient();
  const tenant = useCurrentTenant();
  const [result, setResult] = useState<{ conversationId: string; viewers: PresenceViewer[] }>({ conversationId, viewers: [] });

  useEffect(() => {
    let active = true;
    const beat = () => {
      client.inbox.presence
        .mutate({ tenantSlug: tenant.slug, conversationId, typing })
        .then((viewers) => {
          if (active) setResult({ conversationId, viewers });
        })
        .catch(() => undefined);
    };
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [client, tenant.slug, conversationId, typing]);

  return result.conversationId === conversationId ? result.viewers : [];
}
