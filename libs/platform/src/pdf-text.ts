/**
 * Characters Helvetica's WinAnsi encoding can print: Latin-1 and a few typographic extras;
 * anything else becomes "?". Shared by the PDFs Bro makes with pdfkit's built-in Helvetica
 * (the council report, the citizen's plan and reminder letters).
 */
export function pdfSafe(s: string): string {
  return s.replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/gu, '?');
}
