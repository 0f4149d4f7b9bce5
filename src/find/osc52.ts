// Copying to the clipboard through the terminal: OSC 52 (`ESC ] 52 ; c ; <base64> BEL`), which xterm, iTerm2,
// kitty, WezTerm, Windows Terminal, foot and tmux (set-clipboard on) understand, over ssh too. The text is made
// safe first (no control character can reach the clipboard and be pasted back into a shell) and bounded (terminals
// drop long sequences; xterm's limit is about 100 kB).

import { sanitize } from '../render/sanitize.js';

/** Longest text copied, in UTF-16 units; a citation is a few hundred. */
export const MAX_COPY_CHARS = 8000;

/** The text as copied: one line, controls escaped, bounded. */
export function copyText(text: string): string {
  const one = sanitize(text.replace(/[\r\n\t]+/g, ' '), { oneLine: true }).trim();
  if (one.length <= MAX_COPY_CHARS) return one;
  const cut = one.slice(0, MAX_COPY_CHARS);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut; // never half a surrogate pair
}

/** The OSC 52 sequence that puts `text` (already made safe by copyText) on the clipboard. */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}
