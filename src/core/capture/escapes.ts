// Backslash escapes shared by vCard and MECARD values.

/** `text` split at each `sep` not escaped by a backslash; the parts keep their escapes. */
export function splitEscaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `\,` `\;` `\:` `\\` → the character, `\n` `\N` → a line break; any other backslash stays. */
export function unescapeValue(text: string): string {
  return text.replace(/\\([\\,;:nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
