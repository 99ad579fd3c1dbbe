import type { ReactNode } from "react";

const HEADING_SEPARATOR = " > ";

/** The headings above a passage; a passage outside any heading carries the document's title, not repeated. */
export function headingsOf(headingPath: string, documentTitle: string): string[] {
  if (headingPath === documentTitle) return [];
  return headingPath.split(HEADING_SEPARATOR).filter((heading) => heading && heading !== documentTitle);
}

/** "Zwroty › Koszt · fragment 2": a passage's place in its document, as one line. */
export function HeadingTrail({ headings, children }: { headings: string[]; children: ReactNode }) {
  return (
    <p className="mt-0.5 flex flex-wrap items-center gap-x-1.5 text-xs text-slate-600">
      {headings.map((heading, index) => (
        <span key={index} className="flex items-center gap-1.5">
          {index > 0 && (
            <span aria-hidden="true" className="text-slate-400">
              ›
            </span>
          )}
          {heading}
        </span>
      ))}
      {headings.length > 0 && (
        <span aria-hidden="true" className="text-slate-300">
          ·
        </span>
      )}
      {children}
    </p>
  );
}
