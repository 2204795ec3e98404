import { describe, expect, it } from 'vitest';
import { AddressPolicy, internalAddressKind } from '../src/index.ts';

describe('AddressPolicy', () => {
  const policy = new AddressPolicy();
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['::1', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud-metadata'], ['169.254.0.1', 'link-local'], ['fe80::1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'], ['100.100.100.200', 'carrier-grade NAT'], ['100.127.255.255', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'], ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'], ['::ffff:127.0.0.1', 'IPv4-mapped'], ['::ffff:7f00:1', 'IPv4-mapped'], ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['64:ff9b::7f00:1', 'NAT64'], ['64:ff9b::a9fe:a9fe', 'NAT64'], ['fd00:ec2::254', 'cloud-metadata'], ['fc00::1', 'unique local'],
    ['2002:7f00:1::', '6to4'], ['2001:0:4136:e378::', 'Teredo'], ['::127.0.0.1', 'IPv4-compatible'],
  ])('refuses %s (%s)', (address, what) => {
    const why = policy.refusal(address, address, 80);
    expect(why).toContain(what);
    expect(why).toContain('TUMEN_FETCH_ALLOW');
  });
  it.each(['8.8.8.8', '175.45.176.71', '95.173.136.70', '2a00:1450:4001:80b::200e', '100.63.255.255', '100.128.0.0', '172.32.0.1'])('allows the public address %s', (address) => {
    expect(policy.refusal(address, 'example.org', 443)).toBeUndefined();
    expect(internalAddressKind(address)).toBeUndefined();
  });
  it('opens exactly the TUMEN_FETCH_ALLOW exceptions: CIDRs, IPs, host:port', () => {
    const allow = AddressPolicy.fromList('10.0.0.0/8, 127.0.0.2, feeds.internal:8080');
    expect(allow.refusal('10.9.9.9', 'x', 80)).toBeUndefined();
    expect(allow.refusal('127.0.0.2', 'x', 80)).toBeUndefined();
    expect(allow.refusal('127.0.0.1', 'x', 80)).toMatch(/loopback/);
    expect(allow.refusal('192.168.0.5', 'feeds.internal', 8080)).toBeUndefined();
    expect(allow.refusal('192.168.0.5', 'feeds.internal', 8081)).toMatch(/private/);
    expect(AddressPolicy.fromEnv({ TUMEN_FETCH_ALLOW: '127.0.0.1/32' }).refusal('127.0.0.1', 'x', 1)).toBeUndefined();
  });
  it('rejects a malformed allow entry with a readable error', () => {
    expect(() => AddressPolicy.fromList('not an entry')).toThrow('TUMEN_FETCH_ALLOW entry "not an entry" is neither a CIDR, an IP nor host:port.');
  });
});
