import { PlaceholderPage, placeholderMetadata } from "@/components/shell/placeholder-page";

export const generateMetadata = () => placeholderMetadata("ai");

export default function AiPage() {
  return <PlaceholderPage section="ai" />;
}
