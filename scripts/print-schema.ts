/** Writes the printed SDL to schema/schema.graphql (`npm run schema`); `--check` fails when the file is stale. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';

const file = fileURLToPath(new URL('../schema/schema.graphql', import.meta.url));
const sdl = `${printSchema(lexicographicSortSchema(schema))}\n`;
if (process.argv.includes('--check')) {
  const current = readFileSync(file, 'utf8');
  if (current !== sdl) {
    console.error('schema/schema.graphql is out of date: run npm run schema');
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date');
} else {
  writeFileSync(file, sdl);
  console.log(`wrote ${file.slice(file.lastIndexOf('schema/'))}`);
}
