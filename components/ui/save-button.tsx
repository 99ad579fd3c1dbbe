"use client";

import { useT } from "@/components/providers/i18n";
import { Button } from "./button";

/** A settings form's submit button: "Zapisz", or "Zapisywanie…" with a spinner while saving. */
export function SaveButton({ saving }: { saving: boolean }) {
  const t = useT();
  return (
    <Button type="submit" loading={saving} loadingText={t("common.saving")}>
      {t("common.save")}
    </Button>
  );
}

/** The save button on its own row, set apart from the fields above it. */
export function SaveButtonRow({ saving }: { saving: boolean }) {
  return (
    <div className="flex justify-end border-t border-slate-100 pt-5">
      <SaveButton saving={saving} />
    </div>
  );
}
