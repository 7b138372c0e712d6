import { describe, expect, test } from 'vitest';
import { buildReview, renderHtml } from '../../src/review/index.js';
import { largePlan, samplePlan, schemas, SECRET } from './fixture.js';

/** The JSON the page's script reads. */
function pageData(html: string): { changes: unknown[][]; modules: string[]; providers: string[] } {
  const m = /<script type="application\/json" id="plan-data">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!) as { changes: unknown[][]; modules: string[]; providers: string[] };
}

describe('show -html', () => {
  test('carries every shown change with the terminal renderer\'s text, grouped by module then provider', () => {
    const review = buildReview(samplePlan(), { schemas });
    const data = pageData(renderHtml(review));
    expect(data.changes.map((c) => c[7]).sort()).toEqual(review.changes.map((c) => c.text).sort());
    const groups = data.changes.map((c) => `${data.modules[c[1] as number]}|${data.providers[c[2] as number]}`);
    // Each group is contiguous.
    const seen = new Set<string>();
    groups.forEach((g, i) => {
      if (i > 0 && groups[i - 1] !== g) expect(seen.has(g), g).toBe(false);
      seen.add(g);
    });
    expect(seen.size).toBe(4);
  });

  test('shows the changes made outside minitf as the terminal does', () => {
    const html = renderHtml(buildReview(samplePlan(), { schemas }));
    expect(html).toContain('<h2 id="drift-h">Objects changed outside minitf <span class="n">1</span></h2>');
    expect(html).toContain('  # x_box.updated has changed\n  ~ resource &quot;x_box&quot; &quot;updated&quot; {');
  });

  test('no sensitive value anywhere in the file, and no reference to anything outside it', () => {
    const html = renderHtml(buildReview(samplePlan(), { schemas }), { graphSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' });
    expect(html).not.toContain(SECRET);
    expect(html).toContain('(sensitive value)');
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|@import|url\((?!#)/);
  });

  test('text that looks like markup cannot close the data script', () => {
    const plan = samplePlan();
    const c = { ...plan.resourceChanges[0]!, after: { name: '</script><script>alert(1)</script>', size: 1, password: null, tags: null } };
    const html = renderHtml(buildReview({ ...plan, resourceChanges: [c] }, { schemas }));
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(pageData(html).changes[0]![7]).toContain('"</script><script>alert(1)</script>"');
  });

  test('a 5,000-change page stays under 5 MB', () => {
    const html = renderHtml(buildReview(largePlan(5_000), { schemas }));
    expect(Buffer.byteLength(html)).toBeLessThan(5 * 1024 * 1024);
  });
});
