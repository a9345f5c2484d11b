/** Text as it may stand in HTML, in an element or a quoted attribute: the five characters that mean markup, as references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
