import { BlockList, isIP } from 'node:net';

/**
 * Addresses a platform's service never has: loopback, link-local (cloud metadata at
 * 169.254.169.254), private and shared ranges, unspecified. A reply sent there would reach
 * Turbota's own host or network instead of Microsoft.
 */
const INTERNAL = new BlockList();
INTERNAL.addSubnet('0.0.0.0', 8, 'ipv4');
INTERNAL.addSubnet('10.0.0.0', 8, 'ipv4');
INTERNAL.addSubnet('100.64.0.0', 10, 'ipv4');
INTERNAL.addSubnet('127.0.0.0', 8, 'ipv4');
INTERNAL.addSubnet('169.254.0.0', 16, 'ipv4');
INTERNAL.addSubnet('172.16.0.0', 12, 'ipv4');
INTERNAL.addSubnet('192.168.0.0', 16, 'ipv4');
INTERNAL.addAddress('::', 'ipv6');
INTERNAL.addAddress('::1', 'ipv6');
INTERNAL.addSubnet('fe80::', 10, 'ipv6');
INTERNAL.addSubnet('fc00::', 7, 'ipv6');

/** Whether an IP address (v4, v6, or v4 mapped into v6) is internal; false for anything that is not an address. */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const version = isIP(bare);
  if (version === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1] ?? mappedHex(bare);
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  return INTERNAL.check(bare, version === 4 ? 'ipv4' : 'ipv6');
}

/** `::ffff:7f00:1` written in hex, as the URL parser normalises it, back to `127.0.0.1`. */
function mappedHex(address: string): string | undefined {
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
