import { afterAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sax from 'sax';
import { copyExample, minitf, removeDir, shown } from '../e2e/helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function wellFormed(xml: string): string[] {
  const ids: string[] = [];
  const p = sax.parser(true);
  p.onerror = (e) => {
    throw e;
  };
  p.onopentag = (t) => {
    if (t.name === 'g' && (t.attributes.class ?? '').split(' ')[0] === 'node') ids.push(t.attributes['data-id']!);
  };
  p.write(xml).close();
  return ids;
}

/** The seed example on the embedded emulator, and the example that needs no cloud at all. */
const cases = [
  { example: 'image-copy', plan: ['-emulator', 'plan', '-out=tfplan', '-html=plan.html'], add: 6, resources: 6, first: 'alicloud_image.default', warning: 'Warning: Argument is deprecated' },
  { example: 'terraform-data', plan: ['plan', '-out=tfplan', '-html=plan.html'], add: 5, resources: 3, first: 'terraform_data.release', warning: undefined },
];

describe.each(cases)('$example: the review views of a saved plan', ({ example, plan, add, resources, first, warning }) => {
  test('show -markdown, show -html and graph -format=svg -type=plan work offline from the plan file', async () => {
    const dir = copyExample(example);
    dirs.push(dir);
    if (warning) {
      // A deprecated argument, for a warning the page must show.
      const main = join(dir, 'main.tf');
      writeFileSync(main, readFileSync(main, 'utf8').replace('security_group_name = "terraform-example"', 'name                = "terraform-example"'));
    }
    let r = await minitf(dir, plan);
    expect(r.code, shown(r)).toBe(0);
    const summary = `Plan: ${add} to add, 0 to change, 0 to destroy.`;
    expect(r.stdout).toContain(summary);
    // plan -html writes the page with the plan's diagnostics (a saved plan keeps none).
    const written = readFileSync(join(dir, 'plan.html'), 'utf8');
    expect(written).toContain(`<p class="summary" id="summary">${summary}</p>`);
    if (warning) expect(written).toContain(warning);
    else expect(written).not.toContain('id="diagnostics"');

    // None of these needs the cloud: no -emulator, no credentials.
    r = await minitf(dir, ['show', '-markdown', 'tfplan'], {});
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout.startsWith(`### ${summary}\n`)).toBe(true);
    expect(r.stdout.match(/<details><summary><code>\+<\/code>/g)).toHaveLength(add);

    r = await minitf(dir, ['show', '-html', 'tfplan'], {});
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout).toContain(`<p class="summary" id="summary">${summary}</p>`);
    expect(r.stdout).toContain(JSON.stringify(first));
    expect(r.stdout).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="minitf-graph"');

    r = await minitf(dir, ['graph', '-format=svg', '-type=plan', 'tfplan'], {});
    expect(r.code, shown(r)).toBe(0);
    const nodes = wellFormed(r.stdout);
    const dot = await minitf(dir, ['graph'], {});
    expect(nodes).toEqual([...dot.stdout.matchAll(/^  ("(?:[^"\\]|\\.)*") \[label=/gm)].map((m) => JSON.parse(m[1]!) as string));
    // One node per resource (instances of count and for_each share theirs).
    expect(r.stdout.match(/class="node act-create"/g)).toHaveLength(resources);

    r = await minitf(dir, ['graph', '-format=html'], {});
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('<svg');
  }, 300_000);
});

describe('image-fanout: a provider with for_each', () => {
  test('show -html groups the copies by the provider instance (region) that makes each', async () => {
    const dir = copyExample('image-fanout');
    dirs.push(dir);
    let r = await minitf(dir, ['-emulator', 'plan', '-out=tfplan']);
    expect(r.code, shown(r)).toBe(0);
    r = await minitf(dir, ['show', '-html', 'tfplan'], {});
    expect(r.code, shown(r)).toBe(0);
    const data = JSON.parse(/<script type="application\/json" id="plan-data">([^<]*)<\/script>/.exec(r.stdout)![1]!) as { providers: string[]; changes: [string, number, number][] };
    const byProvider = Object.fromEntries(data.changes.filter((c) => c[0].startsWith('alicloud_image_copy.')).map((c) => [c[0], data.providers[c[2]]]));
    const p = 'provider["registry.terraform.io/aliyun/alicloud"].by_region';
    expect(byProvider).toEqual({
      'alicloud_image_copy.fanout["cn-beijing"]': `${p}["cn-beijing"]`,
      'alicloud_image_copy.fanout["cn-shanghai"]': `${p}["cn-shanghai"]`,
      'alicloud_image_copy.fanout["cn-shenzhen"]': `${p}["cn-shenzhen"]`,
    });
  }, 300_000);
});

describe('the review flags refuse what they cannot do', () => {
  test.each([
    [['show', '-markdown'], 'Error: Plan file required'],
    [['show', '-html', '-json', 'tfplan'], 'Error: Incompatible command-line options'],
    [['show', '-markdown', 'missing.tfplan'], 'Error: Failed to load "'],
    [['graph', '-type=plan', '-format=svg'], 'Error: Plan file required'],
    [['graph', '-type=apply', '-format=svg', 'x'], 'Error: Invalid graph type'],
    [['graph', '-format=png'], 'Error: Invalid graph format'],
  ])('minitf %j', async (args, message) => {
    const dir = copyExample('terraform-data');
    dirs.push(dir);
    const r = await minitf(dir, args, {});
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain(message);
  }, 120_000);

  test('a plan made from another configuration is not drawn over this one', async () => {
    const dir = copyExample('terraform-data');
    dirs.push(dir);
    let r = await minitf(dir, ['plan', '-out=tfplan']);
    expect(r.code, shown(r)).toBe(0);
    const main = join(dir, 'main.tf');
    writeFileSync(main, readFileSync(main, 'utf8') + '\nresource "terraform_data" "added" {}\n');
    r = await minitf(dir, ['graph', '-format=svg', '-type=plan', 'tfplan'], {});
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain('Error: Saved plan is stale');
    r = await minitf(dir, ['show', '-html', 'tfplan'], {});
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('No graph: Saved plan is stale.');
  }, 120_000);
});
