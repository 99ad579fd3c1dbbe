"use client";

import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { isMessageKey } from "@/lib/i18n/messages";
import { isInProgress, type KnowledgeDocument } from "./types";

/**
 * What a screen reader should hear when polling brings a document to its end state
 * ("Regulamin: Gotowy", or the failure and its reason). Compared with the previous
 * list during render, the way React recommends for state derived from a prop change.
 */
export function useStatusAnnouncement(documents: KnowledgeDocument[] | undefined): string {
  const t = useT();
  const [previous, setPrevious] = useState(documents);
  const [message, setMessage] = useState("");
  if (documents !== previous) {
    setPrevious(documents);
    if (previous && documents) {
      const before = new Map(previous.map((doc) => [doc.id, doc.status]));
      const finished = documents.filter((doc) => isInProgress(before.get(doc.id) ?? "ready") && !isInProgress(doc.status));
      if (finished.length) {
        setMessage(
          finished
            .map((doc) => {
              const status = t(`knowledge.status.${doc.status}`);
              const reason = doc.status === "failed" && doc.errorKey && isMessageKey(doc.errorKey) ? ` ${t(doc.errorKey)}` : "";
              return t("knowledge.list.statusChanged", { title: doc.title, status }) + reason;
            })
            .join(" "),
        );
      }
    }
  }
  return message;
}

/** A passage search shown earlier is searched again once a new or changed document is ready. */
export function useSearchFollowsReadyDocuments(documents: KnowledgeDocument[] | undefined) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readyVersions = documents?.flatMap((doc) => (doc.status === "ready" ? [`${doc.id}@${doc.updatedAt.getTime()}`] : [])).join(",");
  useEffect(() => {
    if (readyVersions === undefined) return;
    void queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.testSearch.queryKey() });
  }, [queryClient, readyVersions, trpc]);
}
