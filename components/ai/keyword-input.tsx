"use client";

import { useId, useState, type KeyboardEvent } from "react";
import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { Button } from "@/components/ui/button";
import { RemovableChip } from "@/components/ui/removable-chip";
import { MAX_KEYWORD_LENGTH, MAX_KEYWORDS } from "./types";

/**
 * Escalation words as removable chips with an input after them: Enter or a comma adds
 * the typed word (pasted lists split on commas), Backspace in an empty input removes the last.
 */
export function KeywordInput({
  label,
  hint,
  keywords,
  disabled,
  errors,
  onChange,
}: {
  label: string;
  hint: string;
  keywords: string[];
  disabled: boolean;
  errors?: readonly string[];
  onChange: (keywords: string[]) => void;
}) {
  const t = useT();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const shownErrors = [...(error ? [error] : []), ...(errors ?? [])];

  function add(raw: string) {
    const words = raw
      .split(",")
      .map((word) => word.trim())
      .filter(Boolean);
    if (!words.length) return;
    const tooLong = words.find((word) => word.length > MAX_KEYWORD_LENGTH);
    if (tooLong) return setError(t("ai.ui.settings.keywordTooLong", { max: MAX_KEYWORD_LENGTH }));
    const next = [...keywords];
    for (const word of words) {
      if (!next.some((existing) => existing.toLocaleLowerCase() === word.toLocaleLowerCase())) next.push(word);
    }
    if (next.length > MAX_KEYWORDS) return setError(t("ai.ui.settings.tooManyKeywords", { max: MAX_KEYWORDS }));
    setError(null);
    setDraft("");
    onChange(next);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add(draft);
    } else if (event.key === "Backspace" && !draft && keywords.length) {
      onChange(keywords.slice(0, -1));
    }
  }

  return (
    <div className="space-y-1.5">
      {disabled ? (
        <p className="text-sm font-medium text-slate-800">{label}</p>
      ) : (
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
      )}
      <div
        className={clsx(
          "flex flex-wrap items-center gap-1.5 rounded-lg border bg-white p-1.5 shadow-sm focus-within:outline-2 focus-within:outline-brand-500",
          shownErrors.length ? "border-red-500" : "border-slate-300",
          disabled && "bg-slate-100",
        )}
      >
        {keywords.length > 0 && (
          <ul aria-label={t("ai.ui.settings.keywordList")} className="flex flex-wrap items-center gap-1.5">
            {keywords.map((keyword) => (
              <RemovableChip
                key={keyword}
                className="ring-1 ring-slate-200 ring-inset"
                removeLabel={t("ai.ui.settings.removeKeyword", { keyword })}
                onRemove={disabled ? undefined : () => onChange(keywords.filter((other) => other !== keyword))}
              >
                {keyword}
              </RemovableChip>
            ))}
          </ul>
        )}
        {disabled && keywords.length === 0 && <span className="px-1.5 py-1 text-sm text-slate-500">{t("ai.ui.settings.noKeywords")}</span>}
        {!disabled && (
          <>
            <input
              id={inputId}
              value={draft}
              onChange={(event) => {
                setDraft(event.target.value);
                setError(null);
              }}
              onKeyDown={onKeyDown}
              onBlur={() => draft.trim() && add(draft)}
              placeholder={t("ai.ui.settings.keywordPlaceholder")}
              autoComplete="off"
              aria-invalid={shownErrors.length ? true : undefined}
              aria-describedby={clsx(hintId, shownErrors.length > 0 && errorId)}
              className="h-7 min-w-32 flex-1 border-0 bg-transparent px-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:outline-none"
            />
            <Button variant="ghost" size="sm" disabled={!draft.trim()} onClick={() => add(draft)}>
              {t("ai.ui.settings.addKeyword")}
            </Button>
          </>
        )}
      </div>
      <p id={hintId} className="text-xs text-slate-500">
        {hint}
      </p>
      <div id={errorId} aria-live="polite">
        {shownErrors.map((message) => (
          <p key={message} className="text-sm text-red-700">
            {message}
          </p>
        ))}
      </div>
    </div>
  );
}
