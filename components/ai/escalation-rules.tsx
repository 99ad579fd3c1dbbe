"use client";

import { useId, useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant, useCurrentUser } from "@/components/shell/shell-context";
import { Button } from "@/components/ui/button";
import { CloseIcon, PlusIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/input";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { INTENTS, isIntent, MAX_ESCALATION_RULES, type EscalationRule } from "./types";

type RuleTopic = EscalationRule["intent"];

/** A rule can never fire when an earlier one already takes its topic (or every topic). */
function isShadowed(rules: readonly EscalationRule[], index: number): boolean {
  const intent = rules[index]?.intent;
  return rules.slice(0, index).some((earlier) => earlier.intent === "*" || earlier.intent === intent);
}

/**
 * "Complaints → Anna, everything else → Piotr": who takes over a conversation the AI hands
 * to a person. Rows are checked top to bottom, the first matching topic wins; without a
 * match the server notifies every owner and admin.
 */
export function EscalationRules({
  rules,
  disabled,
  errors,
  onChange,
}: {
  rules: EscalationRule[];
  disabled: boolean;
  errors?: readonly string[];
  onChange: (rules: EscalationRule[]) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const user = useCurrentUser();
  const members = useQuery(trpc.tenants.members.queryOptions({ tenantSlug: tenant.slug }));
  const hintId = useId();
  const errorId = useId();
  const addRef = useRef<HTMLButtonElement>(null);
  /** The row whose topic gets focus once it is rendered (the one just added). */
  const focusRow = useRef<number | null>(null);
  const full = rules.length >= MAX_ESCALATION_RULES;
  /** Names alone, unless two teammates share one. */
  const memberLabel = (member: { name: string; email: string }) =>
    (members.data ?? []).filter((other) => other.user.name === member.name).length > 1 ? `${member.name} (${member.email})` : member.name;
  const hasErrors = Boolean(errors?.length);

  function update(index: number, patch: Partial<EscalationRule>) {
    onChange(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  }

  function add() {
    if (full) return;
    const used = new Set(rules.map((rule) => rule.intent));
    const intent: RuleTopic = rules.length === 0 ? "*" : (INTENTS.find((value) => !used.has(value)) ?? "*");
    const memberIds = members.data?.map((member) => member.user.id) ?? [];
    const assigneeId = memberIds.includes(user.id) ? user.id : (memberIds[0] ?? user.id);
    focusRow.current = rules.length;
    onChange([...rules, { intent, assigneeId }]);
  }

  function remove(index: number) {
    onChange(rules.filter((_, i) => i !== index));
    // The row's button is gone: focus moves to "add" (enabled again after a render if the list was full).
    requestAnimationFrame(() => addRef.current?.focus());
  }

  const topicOptions = (
    <>
      <option value="*">{t("ai.ui.escalation.anyTopic")}</option>
      {INTENTS.map((intent) => (
        <option key={intent} value={intent}>
          {t(`ai.ui.intents.${intent}`)}
        </option>
      ))}
    </>
  );

  return (
    <fieldset aria-describedby={hasErrors ? `${hintId} ${errorId}` : hintId} className="space-y-3 rounded-lg border border-slate-200 px-4 py-3">
      <legend className="px-1 text-sm font-medium text-slate-800">{t("ai.ui.escalation.title")}</legend>
      <div id={hintId} className="space-y-1 text-xs text-slate-500">
        <p>{t("ai.ui.escalation.hint")}</p>
        <p>{t("ai.ui.escalation.none")}</p>
      </div>

      {members.isPending ? (
        <LoadingStatus />
      ) : members.isError ? (
        <QueryError error={members.error} title={t("ai.ui.escalation.membersFailed")} onRetry={() => void members.refetch()} />
      ) : (
        rules.length > 0 && (
          <ol aria-label={t("ai.ui.escalation.list")} className="space-y-2">
            {rules.map((rule, index) => {
              const number = index + 1;
              const known = members.data.some((member) => member.user.id === rule.assigneeId);
              const shadowed = isShadowed(rules, index);
              return (
                // Rows have no identity of their own; every control in them is controlled by `rules`.
                <li key={index} className="space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span aria-hidden="true" className="w-5 shrink-0 text-right text-xs text-slate-500 tabular-nums">
                      {number}.
                    </span>
                    <Select
                      compact
                      aria-label={t("ai.ui.escalation.topic", { index: number })}
                      value={rule.intent}
                      disabled={disabled}
                      ref={(element) => {
                        if (element && focusRow.current === index) {
                          focusRow.current = null;
                          element.focus();
                        }
                      }}
                      onChange={(event) => {
                        const value = event.target.value;
                        if (value === "*" || isIntent(value)) update(index, { intent: value });
                      }}
                      className="w-auto min-w-40 flex-1"
                    >
                      {topicOptions}
                    </Select>
                    <span aria-hidden="true" className="text-xs text-slate-500">
                      → {t("ai.ui.escalation.arrow")}
                    </span>
                    <Select
                      compact
                      aria-label={t("ai.ui.escalation.assignee", { index: number })}
                      value={rule.assigneeId}
                      disabled={disabled}
                      invalid={!known}
                      onChange={(event) => update(index, { assigneeId: event.target.value })}
                      className="w-auto min-w-48 flex-1"
                    >
                      {members.data.map((member) => (
                        <option key={member.user.id} value={member.user.id}>
                          {memberLabel(member.user)}
                        </option>
                      ))}
                      {!known && <option value={rule.assigneeId}>{t("ai.ui.escalation.formerMember")}</option>}
                    </Select>
                    {!disabled && (
                      <Button variant="ghost" size="sm" className="h-9" onClick={() => remove(index)}>
                        <CloseIcon className="size-4" />
                        <span className="sr-only">{t("ai.ui.escalation.remove", { index: number })}</span>
                      </Button>
                    )}
                  </div>
                  {shadowed && <p className="pl-7 text-xs text-amber-800">{t("ai.ui.escalation.shadowed")}</p>}
                </li>
              );
            })}
          </ol>
        )
      )}

      {!disabled && members.isSuccess && (
        <div className="flex flex-wrap items-center gap-3">
          <Button ref={addRef} variant="secondary" size="sm" disabled={full} onClick={add}>
            <PlusIcon className="size-4" />
            {t("ai.ui.escalation.add")}
          </Button>
          {full && <p className="text-xs text-slate-500">{t("ai.ui.escalation.max", { max: MAX_ESCALATION_RULES })}</p>}
        </div>
      )}
      <div id={errorId} aria-live="polite">
        {errors?.map((message) => (
          <p key={message} className="text-sm text-red-700">
            {message}
          </p>
        ))}
      </div>
    </fieldset>
  );
}
