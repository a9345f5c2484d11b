/** `+380671234567` -> `+380 ••• ••• 67`: enough to recognise, not enough to call. */
export function maskPhone(e164: string): string {
  if (e164.length < 6) return '•••';
  return `${e164.slice(0, 4)} ••• ••• ${e164.slice(-2)}`;
}

/** `olena.k@example.com` -> `o•••@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}
