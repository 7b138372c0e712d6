// Resolve hook for record-imports.mjs: appends `resolve <specifier>` for @alicloud packages.
import { appendFileSync } from 'node:fs';

let log;
export function initialize(data) {
  log = data?.log;
}
export async function resolve(specifier, context, next) {
  if (log && specifier.includes('@alicloud')) appendFileSync(log, `resolve ${specifier}\n`);
  return next(specifier, context);
}
