import { escapeHtml } from './escape.js';

/**
 * A standalone HTML page holding an SVG drawing (`graph -format=html`): no script, no external
 * resource, light and dark colours from the drawing's own style.
 */
export function renderGraphPage(svg: string, title = 'minitf graph'): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body { margin: 16px; font-family: system-ui, sans-serif; } @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } } .graph { overflow: auto; }</style>',
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<div class="graph">${svg}</div>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
