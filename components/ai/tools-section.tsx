"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { isTenantAdmin } from "@/components/tenants/types";
import { formatDateTime } from "@/components/inbox/time-format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { ToolForm } from "./tool-form";
import { ToolTestDialog } from "./tool-test-dialog";
import type { AiTool, CreatedTool } from "./tool-types";

/** The one-time secret of a new tool, with how the webhook verifies what it receives. */
function SecretBox({ created, onDone }: { created: CreatedTool; onDone: () => void }) {
  const t = useT();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const inputId = `tool-secret-${created.id}`;

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <Alert tone="warning" title={t("ai.ui.tools.secretTitle", { name: created.name })}>
      <div className="space-y-2">
        <p className="font-medium">{t("ai.ui.tools.secretNote")}</p>
        <label htmlFor={inputId} className="block text-xs font-medium">
          {t("ai.ui.tools.secretLabel")}
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id={inputId}
            readOnly
            value={created.secret}
            onFocus={(event) => event.target.select()}
            className="block h-9 w-full min-w-0 rounded-lg border border-amber-300 bg-white px-3 font-mono text-xs text-slate-900"
          />
          <Button variant="secondary" size="sm" className="h-9" onClick={() => void copySecret()}>
            {copy === "copied" ? t("common.copied") : t("common.copy")}
          </Button>
        </div>
        <p aria-live="polite" className="text-xs">
          {copy === "failed" ? t("ai.ui.tools.copyFailed") : ""}
        </p>
        <p className="text-xs break-words">{t("ai.ui.tools.secretVerify")}</p>
        <Button variant="secondary" size="sm" onClick={onDone}>
          {t("ai.ui.tools.secretDone")}
        </Button>
      </div>
    </Alert>
  );
}

/** The last calls of one tool, loaded when the list is opened. */
function ToolCalls({ tool }: { tool: AiTool }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const calls = useQuery(trpc.ai.toolCalls.queryOptions({ tenantSlug: tenant.slug, toolId: tool.id }));
  if (calls.isPending) return <LoadingStatus />;
  if (calls.isError) return <QueryError error={calls.error} onRetry={() => void calls.refetch()} />;
  if (calls.data.length === 0) return <p className="text-sm text-slate-500">{t("ai.ui.tools.callsEmpty")}</p>;
  return (
    <ul aria-label={t("ai.ui.tools.callsList", { name: tool.name })} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
      {calls.data.map((call) => (
        <li key={call.id} className="space-y-1 px-3 py-2">
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className={call.ok ? "font-medium text-emerald-700" : "font-medium text-red-700"}>
              {call.ok ? t("ai.ui.tools.callOk") : t("ai.ui.tools.callFailed")}
            </span>
            <time dateTime={call.createdAt.toISOString()} className="text-slate-600">
              {formatDateTime(call.createdAt, locale)}
            </time>
            <span className="text-slate-600">
              {call.httpStatus === null ? t("ai.ui.tools.callNoStatus") : t("ai.ui.tools.callStatus", { status: call.httpStatus })}
            </span>
            <span className="text-slate-600">{t("ai.ui.tools.callDuration", { ms: call.durationMs })}</span>
            <span className="text-xs text-slate-400">{call.conversationId ? t("ai.ui.tools.callConversation") : t("ai.ui.tools.callTest")}</span>
          </p>
          {call.error && <p className="font-mono text-xs break-words text-red-700">{call.error}</p>}
        </li>
      ))}
    </ul>
  );
}

function ToolRow({
  tool,
  admin,
  editing,
  onEdit,
  onEdited,
  onTest,
  onDelete,
}: {
  tool: AiTool;
  admin: boolean;
  editing: boolean;
  onEdit: (editing: boolean) => void;
  onEdited: (tool: AiTool) => void;
  onTest: () => void;
  onDelete: () => void;
}) {
  const t = useT();
  const [showCalls, setShowCalls] = useState(false);
  return (
    <li className="space-y-3 py-4 first:pt-0 last:pb-0">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm font-medium text-slate-900">{tool.name}</span>
            <Badge tone={tool.enabled ? "brand" : "slate"}>{tool.enabled ? t("ai.ui.tools.on") : t("ai.ui.tools.off")}</Badge>
          </p>
          <p className="text-sm text-slate-600">{tool.description}</p>
          <p className="font-mono text-xs break-all text-slate-500">{tool.url}</p>
        </div>
        {admin && !editing && (
          <div role="group" aria-label={t("ai.ui.tools.actionsFor", { name: tool.name })} className="flex shrink-0 gap-2">
            <Button variant="secondary" size="sm" onClick={onTest}>
              {t("ai.ui.tools.test")}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => onEdit(true)}>
              {t("ai.ui.tools.edit")}
            </Button>
            <Button variant="danger-secondary" size="sm" onClick={onDelete}>
              {t("ai.ui.tools.delete")}
            </Button>
          </div>
        )}
      </div>
      {editing && <ToolForm tool={tool} onUpdated={onEdited} onCancel={() => onEdit(false)} />}
      <details open={showCalls} onToggle={(event) => setShowCalls(event.currentTarget.open)} className="group">
        <summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">{t("ai.ui.tools.calls")}</summary>
        {showCalls && (
          <div className="mt-2">
            <ToolCalls tool={tool} />
          </div>
        )}
      </details>
    </li>
  );
}

/** Webhooks the assistant may call while answering; admins manage them, members read them. */
export function ToolsSection() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const admin = isTenantAdmin(tenant.role);
  const tools = useQuery(trpc.ai.tools.queryOptions({ tenantSlug: tenant.slug }));
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedTool | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [testing, setTesting] = useState<AiTool | null>(null);
  const [deleting, setDeleting] = useState<AiTool | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const remove = useMutation(
    trpc.ai.deleteTool.mutationOptions({
      onSuccess: async () => {
        setNotice(t("ai.ui.tools.deleted", { name: deleting?.name ?? "" }));
        if (created?.id === deleting?.id) setCreated(null);
        setDeleting(null);
        await queryClient.invalidateQueries({ queryKey: trpc.ai.tools.queryKey() });
      },
    }),
  );

  return (
    <div role="region" aria-labelledby="ai-tools-heading">
      <CardSection
        title={t("ai.ui.tools.title")}
        description={t("ai.ui.tools.intro")}
        headingId="ai-tools-heading"
        actions={
          admin && !adding ? (
            <Button
              size="sm"
              onClick={() => {
                setNotice(null);
                setCreated(null);
                setAdding(true);
              }}
            >
              {t("ai.ui.tools.add")}
            </Button>
          ) : undefined
        }
      >
        <div className="space-y-4">
          {!admin && <Alert tone="info">{t("ai.ui.tools.readOnly")}</Alert>}
          {notice && <Alert tone="success">{notice}</Alert>}
          {created && <SecretBox created={created} onDone={() => setCreated(null)} />}
          {adding && (
            <ToolForm
              onCreated={(tool) => {
                setAdding(false);
                setCreated(tool);
                setNotice(t("ai.ui.tools.created", { name: tool.name }));
              }}
              onCancel={() => setAdding(false)}
            />
          )}
          {tools.isPending && <LoadingStatus />}
          {tools.isError && <QueryError error={tools.error} onRetry={() => void tools.refetch()} />}
          {tools.data?.length === 0 && !adding && <p className="text-sm text-slate-500">{t("ai.ui.tools.empty")}</p>}
          {tools.data && tools.data.length > 0 && (
            <ul aria-label={t("ai.ui.tools.list")} className="divide-y divide-slate-100">
              {tools.data.map((tool) => (
                <ToolRow
                  key={tool.id}
                  tool={tool}
                  admin={admin}
                  editing={editingId === tool.id}
                  onEdit={(editing) => {
                    setNotice(null);
                    setEditingId(editing ? tool.id : null);
                  }}
                  onEdited={(updated) => {
                    setEditingId(null);
                    setNotice(t("ai.ui.tools.updated", { name: updated.name }));
                  }}
                  onTest={() => setTesting(tool)}
                  onDelete={() => {
                    remove.reset();
                    setDeleting(tool);
                  }}
                />
              ))}
            </ul>
          )}
        </div>
        <ToolTestDialog tool={testing} onClose={() => setTesting(null)} />
        <ConfirmDialog
          open={deleting !== null}
          title={t("ai.ui.tools.confirmDelete", { name: deleting?.name ?? "" })}
          body={t("ai.ui.tools.deleteBody")}
          confirmLabel={t("ai.ui.tools.delete")}
          pendingLabel={t("ai.ui.tools.deleting")}
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => deleting && remove.mutate({ tenantSlug: tenant.slug, toolId: deleting.id })}
          onClose={() => setDeleting(null)}
        />
      </CardSection>
    </div>
  );
}
