"use client";

import { useCallback, useEffect, useState } from "react";
import { useT } from "@/components/providers/i18n";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { isTenantAdmin } from "@/components/tenants/types";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { AddKnowledge } from "./add-knowledge";
import { DocumentList } from "./document-list";
import { UploadList } from "./document-upload";
import { DocumentsEmpty } from "./documents-empty";
import { PlanUsage } from "./plan-usage";
import { TestSearch } from "./test-search";
import { useDocuments, useKnowledgeRefresh, usePlanLimits } from "./use-documents";
import { useSearchFollowsReadyDocuments, useStatusAnnouncement } from "./use-status-announcement";
import { useUploads } from "./use-upload";

/** How long a confirmation ("Added …", "Deleted …") stays up. */
const NOTICE_MS = 8_000;

function useNotice() {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return [notice, setNotice] as const;
}

/**
 * The knowledge base: admins add documents (files, a web page, text) and manage them;
 * everyone sees their processing status, the plan's limits, and can test what the AI
 * would be given for a buyer's question.
 */
export function KnowledgePage() {
  const t = useT();
  const tenant = useCurrentTenant();
  const admin = isTenantAdmin(tenant.role);
  const documents = useDocuments();
  const limits = usePlanLimits();
  const refresh = useKnowledgeRefresh();
  const uploads = useUploads({ limits: limits.data, documents: documents.data, onUploaded: refresh });
  const [addNotice, setAddNotice] = useNotice();
  const [listNotice, setListNotice] = useNotice();
  const announcement = useStatusAnnouncement(documents.data);
  useSearchFollowsReadyDocuments(documents.data);

  const onAdded = useCallback(
    async (message: string) => {
      setAddNotice(message);
      await refresh();
    },
    [refresh, setAddNotice],
  );
  const onChanged = useCallback(
    async (message: string) => {
      setListNotice(message);
      await refresh();
    },
    [refresh, setListNotice],
  );

  return (
    <div className="space-y-6">
      {!admin && <Alert tone="info">{t("knowledge.readOnly")}</Alert>}
      {admin && <AddKnowledge uploads={uploads} limits={limits.data} notice={addNotice} onAdded={onAdded} />}
      <CardSection
        title={t("knowledge.list.title")}
        description={t("knowledge.list.intro")}
        actions={limits.data && <PlanUsage limits={limits.data} />}
      >
        <div className="space-y-4">
          {listNotice && <Alert tone="success">{listNotice}</Alert>}
          {/* New files for existing documents are sent from the list, so their progress shows here. */}
          {admin && <UploadList uploads={uploads} items={uploads.items.filter((item) => item.replacing)} />}
          {limits.isError && <QueryError error={limits.error} />}
          {documents.isPending && <LoadingStatus />}
          {documents.isError && <QueryError error={documents.error} onRetry={() => void documents.refetch()} />}
          {documents.data?.length === 0 && <DocumentsEmpty admin={admin} />}
          {documents.data && documents.data.length > 0 && (
            <DocumentList
              documents={documents.data}
              admin={admin}
              onReplace={(doc, file) => uploads.add([file], doc)}
              onChanged={onChanged}
            />
          )}
        </div>
      </CardSection>
      <TestSearch documents={documents.data} />
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
