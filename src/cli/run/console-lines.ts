/**
 * How many brackets an expression typed so far leaves open — `(`, `[`, `{` and template
 * interpolations `${`/`%{` — outside string literals, as Terraform's console counts them to decide
 * that an entry continues on the next line. Closers beyond what is open count as nothing (the
 * expression is then complete, and wrong: evaluating it reports the error).
 */
export function openBrackets(text: string): number {
  // A stack of what is open: brackets, and `"` for a string (inside which only `${`/`%{` open).
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const top = stack[stack.length - 1];
    if (top === '"') {
      if (ch === '\\') i++;
      else if (ch === '"') stack.pop();
      else if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
        if (text[i - 1] === ch) continue; // `$${` and `%%{` are escapes
        stack.push('{');
        i++;
      }
      continue;
    }
    if (ch === '"') stack.push('"');
    else if (ch === '#' || (ch === '/' && text[i + 1] === '/')) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (stack.length && top !== '"') stack.pop();
    }
  }
  return stack.filter((s) => s !== '"').length;
}
