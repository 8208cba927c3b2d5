import type { ReactNode } from 'react';

/**
 * A table of rows under column headers (each `scope="col"`), named by a heading
 * (`labelledBy`) or an off-screen caption — the markup the council report's tables and
 * the citizen's access log share. The rows are the caller's (`<tr>`s).
 */
export function DataTable({
  columns,
  labelledBy,
  caption,
  children,
}: {
  columns: string[];
  labelledBy?: string;
  caption?: string;
  children: ReactNode;
}) {
  return (
    <table aria-labelledby={labelledBy}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th scope="col" key={`${i}-${c}`}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
