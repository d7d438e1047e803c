#!/usr/bin/env node
// Lints Cypher with Neo4j's own parser and linter (@neo4j-cypher/language-support): every `.cypher` file under the
// given folders or files (default: the repository's cypher/ folder). Prints one "file:line:column message" per syntax
// or semantic error and exits 1 when there is any, 0 when every file is clean.
// Parameters ($id) are expected in the adapter's statements, so "Parameter $x is not defined" is not an error here.
import { lintCypherQuery, isNotParamError } from '@neo4j-cypher/language-support';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const errorSeverity = 1;

/**
 * The text the linter is given: a \uXXXX escape in a string literal becomes \t, an escape of the same length. The
 * linter's semantic analysis (2.0.0-next.38) throws on a statement that has both such an escape and a syntax error,
 * and its wrapper swallows the exception, so that statement would pass with no error at all (the Cypher export writes
 * control characters as \uXXXX). An escaped backslash (\\) is kept, so "\\u0041" stays text.
 */
export function lintable(text) {
  return text.replace(/\\(\\|u[0-9A-Fa-f]{4})/g, (escape) => (escape === '\\\\' ? escape : '\\t    '));
}

/** The errors Neo4j's linter finds in one Cypher text (one or more statements separated by semicolons). */
export function lintCypher(text) {
  const { diagnostics } = lintCypherQuery(lintable(text), {});
  return diagnostics
    .filter((d) => d.severity === errorSeverity && isNotParamError(d))
    .map((d) => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, message: d.message }));
}

/** Every .cypher file under the paths, sorted so the output is stable. */
export function cypherFiles(paths) {
  const found = [];
  const walk = (path) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (path.endsWith('.cypher')) {
      found.push(path);
    }
  };
  paths.forEach(walk);
  return found.sort();
}

function main(args) {
  const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
  const paths = args.length > 0 ? args.map((a) => resolve(a)) : [join(root, 'cypher')];
  const files = cypherFiles(paths);
  let errors = 0;
  for (const file of files) {
    for (const e of lintCypher(readFileSync(file, 'utf8'))) {
      errors++;
      console.error(`${relative(process.cwd(), file)}:${e.line}:${e.column} ${e.message.split('\n')[0]}`);
    }
  }
  console.log(`cypher lint: ${files.length} file(s), ${errors} error(s)`);
  return errors === 0 && files.length > 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
