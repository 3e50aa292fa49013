/**
 * The control characters that never belong in Slack text: C0 controls except tab, newline and carriage return,
 * and DEL. As the source of a regular-expression character class, built from code points, because a regex
 * literal that names them trips ESLint's `no-control-regex` (which is there to catch them typed by mistake).
 */
const hex = (n: number) => `\\u${n.toString(16).padStart(4, '0')}`;
const range = (from: number, to: number) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`);

export const CONTROL_CHARS = [range(0x00, 0x08), range(0x0b, 0x0c), range(0x0e, 0x1f), range(0x7f, 0x7f)].join('');
