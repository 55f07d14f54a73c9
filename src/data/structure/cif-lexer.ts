/**
 * Tokenizer for CIF 1.1 / mmCIF text: bare words, 'single' and "double" quoted strings (a quote only closes
 * when whitespace or the end follows it, so `'N'-methyl'` stays one token), `;` text fields at line starts,
 * and `#` comments. Scans the text in place; tokens are produced one at a time so a 100 MB file never exists
 * twice as an array of strings.
 */

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

export class CifLexer {
  /** Text of the current token (quotes and text-field semicolons removed). */
  value = '';
  /** True when the current token was quoted or a text field: such a token is always a value, never a tag. */
  quoted = false;
  /** 1-based line of the current token, for messages. */
  line = 1;
  private pos = 0;
  private lineAtPos = 1;

  constructor(private readonly text: string) {}

  /** Moves to the next token; false at the end of the text. */
  next(): boolean {
    const text = this.text;
    const end = text.length;
    let pos = this.skipSpaceAndComments();
    if (pos >= end) return false;
    this.line = this.lineAtPos;
    const first = text.charCodeAt(pos);
    const atLineStart = pos === 0 || text.charCodeAt(pos - 1) === 10;
    if (first === 59 /* ; */ && atLineStart) {
      let close = text.indexOf('\n;', pos);
      if (close < 0) close = end;
      this.value = text.slice(pos + 1, close).replace(/\r$/, '');
      this.quoted = true;
      this.advanceTo(Math.min(end, close + 2));
      return true;
    }
    if (first === 39 /* ' */ || first === 34 /* " */) {
      let close = pos + 1;
      while (close < end) {
        const code = text.charCodeAt(close);
        if (code === first && (close + 1 >= end || isSpace(text.charCodeAt(close + 1)))) break;
        if (code === 10) break; // unterminated quote: end the token at the line end
        close++;
      }
      this.value = text.slice(pos + 1, close);
      this.quoted = true;
      this.advanceTo(Math.min(end, close + 1));
      return true;
    }
    const start = pos;
    while (pos < end && !isSpace(text.charCodeAt(pos))) pos++;
    this.value = text.slice(start, pos);
    this.quoted = false;
    this.pos = pos;
    return true;
  }

  private skipSpaceAndComments(): number {
    const text = this.text;
    const end = text.length;
    let pos = this.pos;
    while (pos < end) {
      const code = text.charCodeAt(pos);
      if (code === 10) {
        this.lineAtPos++;
        pos++;
      } else if (isSpace(code)) {
        pos++;
      } else if (code === 35 /* # */) {
        while (pos < end && text.charCodeAt(pos) !== 10) pos++;
      } else {
        break;
      }
    }
    this.pos = pos;
    return pos;
  }

  /** Moves past a multi-line token, counting the newlines inside it. */
  private advanceTo(target: number): void {
    for (let k = this.pos; k < target; k++) {
      if (this.text.charCodeAt(k) === 10) this.lineAtPos++;
    }
    this.pos = target;
  }
}
