import { BlockList, isIP } from 'node:net';

/** Ranges fetching must never reach: the host itself, private networks, link-local and cloud metadata. */
const REFUSED_V4: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const REFUSED_V6: [string, number][] = [
  ['::', 128], ['::1', 128], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['fd00:ec2::', 32],
];

const refused = new BlockList();
for (const [net, prefix] of REFUSED_V4) refused.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of REFUSED_V6) refused.addSubnet(net, prefix, 'ipv6');

/**
 * Which addresses fetching may reach. By default every public address; the
 * exceptions in `TUMEN_FETCH_ALLOW` (CIDRs, or `host:port` pairs) open loopback or
 * private targets, e.g. a feed served on 127.0.0.1 in tests.
 */
export class AddressPolicy {
  private readonly allowedNets = new BlockList();
  private readonly allowedHostPorts = new Set<string>();

  constructor(allow: readonly string[] = []) {
    for (const raw of allow) {
      const entry = raw.trim();
      if (!entry) continue;
      const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
      if (cidr && isIP(cidr[1]!)) {
        this.allowedNets.addSubnet(cidr[1]!, Number(cidr[2]), isIP(cidr[1]!) === 6 ? 'ipv6' : 'ipv4');
      } else if (isIP(entry)) {
        this.allowedNets.addAddress(entry, isIP(entry) === 6 ? 'ipv6' : 'ipv4');
      } else {
        const hostPort = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(entry);
        if (!hostPort) throw new Error(`TUMEN_FETCH_ALLOW entry "${entry}" is neither a CIDR, an IP nor host:port.`);
        this.allowedHostPorts.add(`${hostPort[1]!.toLowerCase()}:${hostPort[2]}`);
      }
    }
  }

  /** Parses the comma-separated `TUMEN_FETCH_ALLOW` value. */
  static fromList(list: string): AddressPolicy {
    return new AddressPolicy(list.split(','));
  }

  /**
   * Why connecting to `address` (resolved from `host`, on `port`) is refused, or
   * undefined when it is allowed.
   */
  refusal(address: string, host: string, port: number): string | undefined {
    const family = isIP(address);
    if (family === 0) return `"${address}" is not an IP address`;
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (this.allowedNets.check(address, type)) return undefined;
    if (this.allowedHostPorts.has(`${host.toLowerCase()}:${port}`) || this.allowedHostPorts.has(`${address}:${port}`)) {
      return undefined;
    }
    // IPv4-mapped IPv6 (::ffff:a.b.c.d) is refused as a whole above; check the embedded v4 too for the message.
    if (refused.check(address, type)) {
      return `${address} is a loopback, private, link-local or otherwise internal address`;
    }
    return undefined;
  }
}
