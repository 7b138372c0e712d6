import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CallInfo } from './types.js';
import { makeSet } from '../values/equality.js';
import { bool, str } from '../values/value.js';
import { S } from './helpers.js';
import { register } from './registry.js';
import { FuncError, p, type FuncDef } from './types.js';
import { renderTemplate } from './template.js';

/** Resolves a path argument against the scope's base directory (path.module). */
export function resolvePath(path: string, call: CallInfo): string {
  const expanded = path.startsWith('~') ? join(homedir(), path.slice(1)) : path;
  return isAbsolute(expanded) ? expanded : resolve(call.ctx.scope.baseDir, expanded);
}

function readBytes(path: string, call: CallInfo): Buffer {
  const full = resolvePath(path, call);
  try {
    return readFileSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FuncError(`no file exists at ${JSON.stringify(path)}; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource`);
    throw new FuncError(`failed to read file ${JSON.stringify(path)}: ${(e as Error).message}`);
  }
}

/** Reads a file as UTF-8 text or fails as Terraform's `file` does. */
export function readText(path: string, call: CallInfo): string {
  const b = readBytes(path, call);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw new FuncError(`contents of ${JSON.stringify(path)} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`);
  }
}

const fileHash = (alg: string, enc: 'hex' | 'base64'): FuncDef => ({
  params: [p('path', 'string')],
  returns: 'string',
  impl: ([f], call) => str(createHash(alg).update(readBytes(S(f!), call)).digest(enc)),
});

function globRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      re += `(?:${pattern.slice(i + 1, end).split(',').map((x) => x.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|')})`;
      i = end;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i);
      re += pattern.slice(i, end + 1).replace(/^\[!/, '[^');
      i = end;
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p2 = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p2));
    else out.push(p2);
  }
  return out;
}

register({
  abspath: { params: [p('path', 'string')], returns: 'string', impl: ([f]) => str(resolve(S(f!))) },
  basename: { params: [p('path', 'string')], returns: 'string', impl: ([f]) => str(S(f!) === '' ? '.' : basename(S(f!)) || '/') },
  dirname: { params: [p('path', 'string')], returns: 'string', impl: ([f]) => str(dirname(S(f!))) },
  pathexpand: {
    params: [p('path', 'string')],
    returns: 'string',
    impl: ([f]) => str(S(f!).startsWith('~') ? join(homedir(), S(f!).slice(1)) : S(f!)),
  },
  file: { params: [p('path', 'string')], returns: 'string', impl: ([f], call) => str(readText(S(f!), call)) },
  filebase64: { params: [p('path', 'string')], returns: 'string', impl: ([f], call) => str(readBytes(S(f!), call).toString('base64')) },
  fileexists: {
    params: [p('path', 'string')],
    returns: 'bool',
    impl: ([f], call) => {
      const full = resolvePath(S(f!), call);
      if (!existsSync(full)) return bool(false);
      if (!statSync(full).isFile()) throw new FuncError(`${JSON.stringify(S(f!))} is not a regular file, but "${statSync(full).isDirectory() ? 'directory' : 'other'}"`);
      return bool(true);
    },
  },
  fileset: {
    params: [p('path', 'string'), p('pattern', 'string')],
    returns: ['set', 'string'],
    impl: ([d, pat], call) => {
      const base = resolvePath(S(d!), call);
      if (!existsSync(base)) return makeSet('string', []);
      const re = globRegex(S(pat!));
      const files = walk(base).map((f) => relative(base, f).split('\\').join('/')).filter((f) => re.test(f));
      return makeSet('string', files.map(str));
    },
  },
  filemd5: fileHash('md5', 'hex'),
  filesha1: fileHash('sha1', 'hex'),
  filesha256: fileHash('sha256', 'hex'),
  filesha512: fileHash('sha512', 'hex'),
  filebase64sha256: fileHash('sha256', 'base64'),
  filebase64sha512: fileHash('sha512', 'base64'),
  templatefile: {
    params: [p('path', 'string'), p('vars', 'dynamic')],
    returns: 'dynamic',
    impl: ([f, vars], call) => renderTemplate(readText(S(f!), call), S(f!), vars!, call),
  },
});
