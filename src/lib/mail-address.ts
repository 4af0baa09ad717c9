/**
 * Mail addresses as Koe accepts them: plain `local@domain` in ASCII, nothing a header or an SMTP
 * command could be bent with (no spaces, quotes, commas, angle brackets or line breaks). Stricter
 * than RFC 5321 on purpose: every address here comes from a web form.
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Whether Koe would send to this address (checked by length first: linear on any input). */
export function isMailAddress(value: string): boolean {
  if (value.length < 3 || value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  return LOCAL.test(value.slice(0, at)) && DOMAIN.test(value.slice(at + 1));
}

/** The form an address is compared in: one subscription, one "failing" mark per address. */
export function addressKey(address: string): string {
  return address.toLowerCase();
}

/** An address as an administrator sees it in the outbox: `t***@example.jp`. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}
