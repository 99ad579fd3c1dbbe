"use client";

import { Tab, TabGroup, TabList, TabPanel, TabPanels } from "@headlessui/react";
import { useT } from "@/components/providers/i18n";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card";
import { AddFromText } from "./add-from-text";
import { AddFromUrl } from "./add-from-url";
import { DocumentUpload } from "./document-upload";
import { LinkIcon, TextIcon, UploadIcon } from "./knowledge-icons";
import type { PlanLimits } from "./types";
import type { Uploads } from "./use-upload";

const TABS = [
  { key: "files", label: "knowledge.add.files", icon: UploadIcon },
  { key: "url", label: "knowledge.add.url", icon: LinkIcon },
  { key: "text", label: "knowledge.add.text", icon: TextIcon },
] as const;

/** Admins add documents three ways: files, a web page, pasted text. */
export function AddKnowledge({
  uploads,
  limits,
  notice,
  onAdded,
}: {
  uploads: Uploads;
  limits: PlanLimits | undefined;
  notice: string | null;
  onAdded: (message: string) => unknown;
}) {
  const t = useT();
  const full = limits !== undefined && limits.usedDocuments >= limits.maxDocuments;
  return (
    <CardSection title={t("knowledge.add.title")} description={t("knowledge.add.intro")}>
      <div className="space-y-4">
        {notice && <Alert tone="success">{notice}</Alert>}
        {full && <Alert tone="warning">{t("knowledge.add.limitReached", { plan: limits.name, max: limits.maxDocuments })}</Alert>}
        <TabGroup>
          <TabList aria-label={t("knowledge.add.tabs")} className="grid grid-cols-3 gap-1 rounded-lg bg-slate-100 p-1">
            {TABS.map(({ key, label, icon: Icon }) => (
              <Tab
                key={key}
                className="flex cursor-pointer items-center justify-center gap-2 rounded-md px-2 py-1.5 text-center text-sm leading-tight font-medium text-slate-600 transition-colors hover:text-slate-900 focus:outline-none data-focus-visible:outline-2 data-focus-visible:outline-brand-500 data-selected:bg-white data-selected:text-slate-900 data-selected:shadow-sm"
              >
                <Icon className="hidden size-4 shrink-0 sm:block" />
                {t(label)}
              </Tab>
            ))}
          </TabList>
          <TabPanels className="mt-5">
            <TabPanel className="focus:outline-none">
              <DocumentUpload uploads={uploads} limits={limits} disabled={full} />
            </TabPanel>
            <TabPanel className="focus:outline-none">
              <AddFromUrl disabled={full} onAdded={onAdded} />
            </TabPanel>
            <TabPanel className="focus:outline-none">
              <AddFromText disabled={full} onAdded={onAdded} />
            </TabPanel>
          </TabPanels>
        </TabGroup>
      </div>
    </CardSection>
  );
}
