import { afterAll, describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { childEnv, copyExample, EXAMPLES, BIN, minitf, removeDir, REPO, run, shown, stateResources, type Run } from './helpers.js';

/** Every example folder and the test that runs it (a new folder without a test fails here). */
const RUN_BY: Readonly<Record<string, string>> = {
  'image-copy': 'lifecycle.test.ts, demo.test.ts, fresh-clone.test.ts, test/review/examples.e2e.test.ts',
  'image-copy-yaml': 'lifecycle.test.ts',
  'image-fanout': 'lifecycle.test.ts, test/review/examples.e2e.test.ts',
  'terraform-data': 'examples.test.ts, test/review/examples.e2e.test.ts',
  'ci-dry-run': 'examples.test.ts',
  'cdktf-image-copy': 'test/cdktf/example.e2e.test.ts',
  'oss-backend': 'test/states/oss/e2e.test.ts',
};

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const temp = (name: string): string => {
  const d = copyExample(name);
  dirs.push(d);
  return d;
};

/** Parses `-json` output: every line must be one JSON object. */
function jsonLines(r: Run): Record<string, unknown>[] {
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const errorsOf = (lines: Record<string, unknown>[]) => lines.filter((l) => l.type === 'diagnostic' && (l.diagnostic as { severity: string }).severity === 'error');

describe('the examples folder', () => {
  const folders = readdirSync(EXAMPLES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

  test('holds exactly the examples the e2e tests run', () => {
    expect(folders).toEqual(Object.keys(RUN_BY).sort());
  });

  test.each(folders)('%s has a README', (name) => {
    expect(existsSync(join(EXAMPLES, name, 'README.md'))).toBe(true);
  });

  const yamlFiles = folders.flatMap((f) => readdirSync(join(EXAMPLES, f)).filter((n) => /\.tf\.ya?ml$/.test(n)).map((n) => join(f, n)));
  test.each(yamlFiles)('%s names the configuration schema for editors and follows it', (file) => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
    expect(m, 'the yaml-language-server modeline').not.toBeNull();
    const schemaPath = join(EXAMPLES, file, '..', m![1]!);
    expect(schemaPath).toBe(join(REPO, 'schemas', 'config.schema.json'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    expect(validate(parseYaml(text)), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('terraform-data: no cloud at all', () => {
  test('apply → no changes → a trigger forces replacement → targeted destroy → destroy', async () => {
    const dir = temp('terraform-data');
    let r = await minitf(dir, ['apply', '-auto-approve']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 5 added, 0 changed, 0 destroyed.');
    expect(r.stdout).toContain('release = "dev-app v1: dev-app-api, dev-app-web"');
    expect(r.stdout).toContain('total_replicas = 5');
    expect(r.stderr).not.toContain('emulator');
    expect(existsSync(join(dir, '.minitf', 'emulator.json'))).toBe(false);

    r = await minitf(dir, ['plan', '-detailed-exitcode']);
    expect(r.code, shown(r)).toBe(0);

    r = await minitf(dir, ['plan', '-detailed-exitcode', '-var', 'release=v2']);
    expect(r.code, shown(r)).toBe(2);
    expect(r.stdout).toContain('# terraform_data.release must be replaced');
    // As in Terraform, terraform_data's trigger replaces without a `# forces replacement` mark.
    expect(r.stdout).toMatch(/~ triggers_replace = "v1" -> "v2"\n/);
    expect(r.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');

    // A targeted destroy takes the target and what depends on it, never what it depends on.
    r = await minitf(dir, ['destroy', '-auto-approve', '-target=terraform_data.service["api"]']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Destroy complete! Resources: 2 destroyed.');
    expect(stateResources(dir)).toEqual(['terraform_data.service["web"]', 'terraform_data.shard[0]', 'terraform_data.shard[1]']);

    r = await minitf(dir, ['destroy', '-auto-approve']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Destroy complete! Resources: 3 destroyed.');
    expect(stateResources(dir)).toEqual([]);
  }, 600_000);
});

describe('ci-dry-run: a plan without credentials', () => {
  const DRY_RUN = ['plan', '-input=false', '-lock=false', '-refresh=false', '-detailed-exitcode', '-json'];
  const script = (dir: string, args: string[] = []) => run('bash', [join(dir, 'dry-run.sh'), ...args], dir, childEnv({ MINITF: `${process.execPath} ${BIN}` }));

  test('dry-run.sh plans the example with no credentials and no cloud, and keeps the JSON lines', async () => {
    const dir = temp('ci-dry-run');
    const r = await script(dir);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
    expect(r.stdout).toContain('dry-run: changes pending');
    expect(readFileSync(join(dir, 'init.log'), 'utf8')).toContain('minitf has been successfully initialized!');
    // The pull-request comment the README's job posts with `gh pr comment --body-file`.
    const comment = readFileSync(join(dir, 'plan.md'), 'utf8');
    expect(comment.startsWith('### Plan: 3 to add, 0 to change, 0 to destroy.\n')).toBe(true);
    expect(comment.match(/<details><summary><code>\+<\/code> <code>alicloud_[a-z_]+\.main<\/code> will be created<\/summary>/g)).toHaveLength(3);
    expect(readFileSync(join(EXAMPLES, 'ci-dry-run', 'README.md'), 'utf8')).toContain('--body-file examples/ci-dry-run/plan.md');
    const lines = readFileSync(join(dir, 'plan.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: 'version' });
    expect(lines.filter((l) => l.type === 'planned_change')).toHaveLength(3);
    expect(lines.find((l) => l.type === 'change_summary')).toMatchObject({ changes: { add: 3, change: 0, remove: 0, operation: 'plan' } });
    expect(existsSync(join(dir, '.minitf', 'emulator.json'))).toBe(false);
  }, 300_000);

  test('a configuration with data sources fails with one clear diagnostic', async () => {
    const dir = temp('image-copy');
    const r = await minitf(dir, DRY_RUN, {});
    expect(r.code, shown(r)).toBe(1);
    const errors = errorsOf(jsonLines(r));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.diagnostic).toMatchObject({ summary: 'No credentials for the Alibaba Cloud provider' });
    expect((errors[0]!.diagnostic as { detail: string }).detail).toContain('Nothing was sent to the cloud.');
  }, 300_000);

  test('with state: -refresh=false needs nothing from the cloud, a refresh does', async () => {
    const dir = temp('ci-dry-run');
    let r = await minitf(dir, ['-emulator', 'apply', '-auto-approve']);
    expect(r.code, shown(r)).toBe(0);

    r = await script(dir);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('dry-run: no changes');

    r = await script(dir, ['-var', 'name=renamed']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('Plan: 0 to add, 3 to change, 0 to destroy.');
    expect(r.stdout).toContain('dry-run: changes pending');

    r = await minitf(dir, DRY_RUN.filter((a) => a !== '-refresh=false'), {});
    expect(r.code, shown(r)).toBe(1);
    const errors = errorsOf(jsonLines(r));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.diagnostic).toMatchObject({ summary: 'No credentials for the Alibaba Cloud provider' });
  }, 600_000);
});
