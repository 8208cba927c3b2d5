import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Finds the SQL written in the libs and the tables each statement touches, so a test can
 * hold every lib to the tables it owns (ADR 0020). SQL is recognised in string and
 * template literals: a statement keyword followed by a table name. Names that are not
 * tables of Bro (functions, CTE names, `now()`) are ignored by the caller's owner map.
 */
export interface TableUse {
  file: string;
  lib: string;
  table: string;
  kind: 'read' | 'write';
  line: number;
}

const WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([a-z_][a-z0-9_]*)"?/gi;
const READ = /\b(?:FROM|JOIN)\s+"?([a-z_][a-z0-9_]*)"?/gi;
const SQL_HINT = /\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|JOIN|TRUNCATE)\b/i;

function literalTexts(source: ts.SourceFile): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      out.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
    } else if (ts.isTemplateExpression(node)) {
      // Substitutions become a placeholder: the fixed parts hold the table names.
      const text = [node.head.text, ...node.templateSpans.map((s) => ` $x ${s.literal.text}`)].join('');
      out.push({ text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'migrations' || entry.name === 'node_modules') continue;
      yield* tsFiles(path);
    } else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(entry.name)) {
      yield path;
    }
  }
}

/** Every table use in `libs/<lib>/src`, outside migrations and tests. */
export function scanLibs(root: string): TableUse[] {
  const uses: TableUse[] = [];
  const libsDir = join(root, 'libs');
  for (const lib of readdirSync(libsDir)) {
    for (const file of tsFiles(join(libsDir, lib, 'src'))) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2023, true);
      for (const { text, line } of literalTexts(source)) {
        if (!SQL_HINT.test(text)) continue;
        for (const m of text.matchAll(WRITE)) {
          const table = m[1].toLowerCase();
          uses.push({ file: relative(root, file), lib, table, kind: 'write', line });
        }
        for (const m of text.matchAll(READ)) {
          // `DELETE FROM t` is the write above, not also a read.
          if (/DELETE\s*$/i.test(text.slice(0, m.index))) continue;
          const table = m[1].toLowerCase();
          uses.push({ file: relative(root, file), lib, table, kind: 'read', line });
        }
      }
    }
  }
  return uses;
}
