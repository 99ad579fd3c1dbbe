import type { Metadata } from "next";
import { requireUser } from "@/app/_lib/session";
import { PlatformTenants } from "@/components/platform/platform-tenants";
import { PageHeader } from "@/components/ui/card";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("platform.title") };
}

export default async function PlatformPage() {
  const [, { t }] = await Promise.all([requireUser("/platform"), getServerT()]);
  return (
    <>
      <PageHeader title={t("platform.title")} description={t("platform.intro")} />
      <PlatformTenants />
    </>
  );
}
