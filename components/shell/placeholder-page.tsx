import type { Metadata } from "next";
import { getServerT } from "@/lib/i18n/server";
import { CardIcon } from "@/components/ui/icons";
import { ComingSoon } from "./coming-soon";

type PlaceholderSection = "billing";

const ICONS = { billing: CardIcon } as const;

/** Server-rendered placeholder for a tenant section that is still being built. */
export async function PlaceholderPage({ section }: { section: PlaceholderSection }) {
  const { t } = await getServerT();
  const Icon = ICONS[section];
  const title = t(`nav.${section}`);
  return (
    <ComingSoon
      title={title}
      heading={t("placeholder.comingTitle", { section: title })}
      body={t(`placeholder.${section}`)}
      note={t("placeholder.note")}
      icon={<Icon className="size-7" />}
    />
  );
}

export async function placeholderMetadata(section: PlaceholderSection): Promise<Metadata> {
  const { t } = await getServerT();
  return { title: t(`nav.${section}`) };
}
