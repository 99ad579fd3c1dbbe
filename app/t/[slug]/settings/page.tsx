import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { SettingsNav } from "@/components/shell/settings-nav";
import { TenantSettingsSection } from "@/components/tenants/tenant-settings-form";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("nav.settings") };
}

export default async function SettingsPage() {
  const { t } = await getServerT();
  return (
    <>
      <PageHeader title={t("nav.settings")} />
      <SettingsNav />
      <TenantSettingsSection />
    </>
  );
}
