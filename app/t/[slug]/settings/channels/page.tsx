import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { SettingsNav } from "@/components/shell/settings-nav";
import { ChannelsSettings } from "@/components/channels/channels-settings";
import { allegroConfig } from "@/server/marketplaces/registry";
import { getServerT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t("channels.title") };
}

/** ?connected=allegro and ?error=… come back from the Allegro OAuth routes. */
export default async function ChannelsSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { t } = await getServerT();
  const query = await searchParams;
  const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
  return (
    <>
      <PageHeader title={t("nav.settings")} />
      <SettingsNav />
      <ChannelsSettings
        allegroConfigured={allegroConfig() !== null}
        connected={single(query.connected)}
        connectError={single(query.error)}
      />
    </>
  );
}
