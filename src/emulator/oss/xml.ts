/** A node of an XML answer: text, or children in order (arrays repeat the element). */
export type XmlValue = string | number | boolean | XmlTree | readonly XmlTree[];
/** Element name → content. */
export type XmlTree = { readonly [name: string]: XmlValue | undefined };

/** `<?xml …?>` followed by `<root>…</root>`, the way OSS writes its answers. */
export function xmlDocument(root: string, body: XmlTree): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>${children(body)}</${root}>`;
}

function children(tree: XmlTree): string {
  let out = '';
  for (const [name, v] of Object.entries(tree)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v as readonly XmlTree[]) out += `<${name}>${children(item)}</${name}>`;
    else if (typeof v === 'object') out += `<${name}>${children(v as XmlTree)}</${name}>`;
    else out += `<${name}>${escapeXml(String(v))}</${name}>`;
  }
  return out;
}

/** Escapes `& < > " '` for XML text. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
