// The few parts of sax (a strict XML parser, used by the tests to check the SVG is well formed) they use.
declare module 'sax' {
  interface Tag {
    readonly name: string;
    readonly attributes: Readonly<Record<string, string>>;
  }
  interface SAXParser {
    onerror: (e: Error) => void;
    onopentag: (tag: Tag) => void;
    write(s: string): SAXParser;
    close(): SAXParser;
  }
  function parser(strict: boolean, opts?: Record<string, unknown>): SAXParser;
  const sax: { parser: typeof parser };
  export default sax;
}
