import { PlaceholderPage, placeholderMetadata } from "@/components/shell/placeholder-page";

export const generateMetadata = () => placeholderMetadata("knowledge");

export default function KnowledgePage() {
  return <PlaceholderPage section="knowledge" />;
}
