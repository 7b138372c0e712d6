/** The review page's style sheet (the action colours come first as CSS variables, from `svg.ts`). */
export const PAGE_STYLE = String.raw`
:root { --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0; --focus: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d; --focus: #4493f8; } }
* { box-sizing: border-box; }
html { color-scheme: light dark; }
body { margin: 0; padding: 0 20px 40px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
code, pre, .addr, .sym, input[type=search] { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
h1 { font-size: 20px; margin: 16px 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
h2 .n { font-weight: normal; color: var(--muted); }
.meta, .hint, .status { color: var(--muted); margin: 4px 0; }
.summary { font-size: 16px; font-weight: 600; margin: 8px 0; }
.errored { color: var(--delete); font-weight: 600; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; padding: 0; margin: 8px 0; list-style: none; }
.count { padding: 2px 10px; border-radius: 12px; border: 1px solid currentColor; }
.act-create { --a: var(--create); --a-bg: var(--create-bg); }
.act-update { --a: var(--update); --a-bg: var(--update-bg); }
.act-replace { --a: var(--replace); --a-bg: var(--replace-bg); }
.act-delete { --a: var(--delete); --a-bg: var(--delete-bg); }
.act-read { --a: var(--read); --a-bg: var(--read-bg); }
.act-forget { --a: var(--forget); --a-bg: var(--forget-bg); }
.act-import { --a: var(--import); --a-bg: var(--import-bg); }
.act-move { --a: var(--move); --a-bg: var(--move-bg); }
.count, .chip { color: var(--a); background: var(--a-bg); }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; position: sticky; top: 0; background: var(--bg); padding: 8px 0; z-index: 1; border-bottom: 1px solid var(--line); }
.filters { display: flex; flex-wrap: wrap; gap: 6px; }
button { font: inherit; color: inherit; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 3px 10px; cursor: pointer; }
.chip { border-color: var(--a); }
.chip[aria-pressed=true] { color: var(--bg); background: var(--a); font-weight: 600; }
.search input { font-size: 13px; padding: 4px 8px; width: 26em; max-width: 80vw; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
.node-filter button { margin-left: 4px; }
.group { margin: 14px 0 4px; padding: 4px 8px; background: var(--panel); border-left: 3px solid var(--line); font-size: 13px; }
.group .mod { font-weight: 600; }
.group .prov, .group .n { color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.row { border-left: 3px solid var(--a); margin: 2px 0; }
.toggle { display: flex; gap: 10px; width: 100%; text-align: left; border: 0; border-radius: 0; background: transparent; padding: 3px 8px; align-items: baseline; }
.toggle:hover { background: var(--panel); }
.toggle::before { content: "▸"; color: var(--muted); width: 1em; }
.toggle[aria-expanded=true]::before { content: "▾"; }
.toggle .sym { color: var(--a); min-width: 2.4em; font-weight: 700; }
.toggle .addr { font-weight: 600; word-break: break-all; }
.toggle .what { color: var(--muted); }
.badge { font-size: 11px; padding: 0 6px; border-radius: 8px; background: var(--panel); border: 1px solid var(--line); color: var(--muted); }
pre.diff { margin: 0 0 6px 28px; padding: 8px 12px; background: var(--panel); border-radius: 6px; overflow-x: auto; font-size: 12.5px; line-height: 1.4; }
pre .l-create { color: var(--create); } pre .l-update { color: var(--update); } pre .l-delete { color: var(--delete); }
pre .l-replace { color: var(--replace); } pre .l-read { color: var(--read); } pre .l-comment { color: var(--muted); }
pre .forces { color: var(--delete); font-weight: 600; }
.diags { list-style: none; padding: 0; }
.diag pre { margin: 6px 0; padding: 8px 12px; border-left: 3px solid var(--update); background: var(--panel); white-space: pre-wrap; }
.diag.error pre { border-left-color: var(--delete); }
.more { margin: 12px 0; color: var(--muted); }
.drift summary { cursor: pointer; padding: 2px 0; }
.drift pre { margin-left: 16px; }
.graph { overflow: auto; max-height: 80vh; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.graph .node { cursor: pointer; }
.graph .node.selected > .shape { stroke-width: 4; }
`;
