"use client";

import { useId, useState, type FormEvent } from "react";
import { Popover, PopoverButton, PopoverPanel } from "@headlessui/react";
import { useT } from "@/components/providers/i18n";
import { buttonClasses } from "@/components/ui/button";
import { RemovableChip } from "@/components/ui/removable-chip";
import { TagIcon } from "./inbox-icons";

/** What the server accepts as a tag (schemas.ts ZTag); checked here so a typo is explained at once. */
const TAG_PATTERN = /^[\p{L}\p{N} _-]+$/u;
const MAX_TAG_LENGTH = 40;
const MAX_TAGS = 20;

export function TagsEditor({ tags, disabled, onChange }: { tags: string[]; disabled?: boolean; onChange: (tags: string[]) => void }) {
  const t = useT();
  const inputId = useId();
  const errorId = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);

  function add(event: FormEvent) {
    event.preventDefault();
    const tag = draft.trim().toLowerCase();
    if (!tag) return;
    if (!TAG_PATTERN.test(tag)) return setError(t("inbox.errors.tagFormat"));
    if (tag.length > MAX_TAG_LENGTH) return setError(t("validation.tooLong", { max: MAX_TAG_LENGTH }));
    setError(null);
    setDraft("");
    if (!tags.includes(tag) && tags.length < MAX_TAGS) onChange([...tags, tag]);
  }

  return (
    <Popover className="relative">
      <PopoverButton className={buttonClasses({ variant: "secondary", size: "sm" })}>
        <TagIcon className="size-4" />
        {t("inbox.actions.tags")}
        {tags.length > 0 && <span className="rounded-full bg-slate-100 px-1.5 text-[11px] text-slate-700">{tags.length}</span>}
      </PopoverButton>
      <PopoverPanel
        anchor={{ to: "bottom start", gap: 6 }}
        transition
        className="z-50 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg transition duration-100 ease-out data-closed:opacity-0"
      >
        <p className="mb-2 text-xs font-medium text-slate-500">{t("inbox.actions.editTags")}</p>
        {tags.length === 0 ? (
          <p className="mb-3 text-sm text-slate-500">{t("inbox.actions.noTags")}</p>
        ) : (
          <ul className="mb-3 flex flex-wrap gap-1.5">
            {tags.map((tag) => (
              <RemovableChip
                key={tag}
                removeLabel={t("inbox.actions.removeTag", { tag })}
                removeDisabled={disabled}
                onRemove={() => onChange(tags.filter((other) => other !== tag))}
              >
                {tag}
              </RemovableChip>
            ))}
          </ul>
        )}
        <form onSubmit={add} className="flex gap-2" noValidate>
          <label htmlFor={inputId} className="sr-only">
            {t("inbox.actions.newTag")}
          </label>
          <input
            id={inputId}
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value);
              setError(null);
            }}
            maxLength={MAX_TAG_LENGTH + 10}
            placeholder={t("inbox.actions.tagPlaceholder")}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            autoComplete="off"
            className="h-8 min-w-0 flex-1 rounded-lg border border-slate-300 px-2.5 text-sm shadow-sm focus:outline-2 focus:outline-offset-0 focus:outline-brand-500"
          />
          <button type="submit" disabled={disabled || !draft.trim()} className={buttonClasses({ size: "sm" })}>
            {t("inbox.actions.addTag")}
          </button>
        </form>
        <p id={errorId} aria-live="polite" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      </PopoverPanel>
    </Popover>
  );
}
