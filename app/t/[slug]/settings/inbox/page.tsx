import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { SettingsNav } from "@/components/shell/settings-nav";
import { InboxSettings } from "@/components/inbox/settings/inbox-settings";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("inboxSettings.title") };
}

export default async function InboxSettingsPage() {
  const { t } = await getServerT();
  return (
    <>
      <PageHeader title={t("nav.settings")} />
      <SettingsNav />
      <InboxSettings />
    </>
  );
}
