import { BlockList, isIP } from 'node:net';

/** A range fetching must never reach, with the words used to tell the user why. */
interface RefusedRange {
  net: string;
  prefix: number;
  what: string;
}

/**
 * The host itself, private networks, link-local (incl. 169.254.169.254 cloud
 * metadata), CGNAT (incl. Alibaba's 100.100.100.200 metadata), multicast, reserved,
 * documentation ranges, and the IPv6 forms that embed an IPv4 address (mapped,
 * compatible, NAT64, 6to4, Teredo), because those can reach the IPv4 ranges above.
 */
const REFUSED: RefusedRange[] = [
  { net: '0.0.0.0', prefix: 8, what: 'an unspecified ("this network") address' },
  { net: '10.0.0.0', prefix: 8, what: 'a private address' },
  { net: '100.64.0.0', prefix: 10, what: 'a carrier-grade NAT (shared) address' },
  { net: '127.0.0.0', prefix: 8, what: 'a loopback address' },
  { net: '169.254.0.0', prefix: 16, what: 'a link-local or cloud-metadata address' },
  { net: '172.16.0.0', prefix: 12, what: 'a private address' },
  { net: '192.0.0.0', prefix: 24, what: 'an IETF-reserved address' },
  { net: '192.0.2.0', prefix: 24, what: 'a documentation address' },
  { net: '192.88.99.0', prefix: 24, what: 'a 6to4 relay address' },
  { net: '192.168.0.0', prefix: 16, what: 'a private address' },
  { net: '198.18.0.0', prefix: 15, what: 'a benchmarking address' },
  { net: '198.51.100.0', prefix: 24, what: 'a documentation address' },
  { net: '203.0.113.0', prefix: 24, what: 'a documentation address' },
  { net: '224.0.0.0', prefix: 4, what: 'a multicast address' },
  { net: '240.0.0.0', prefix: 4, what: 'a reserved or broadcast address' },
  { net: '::', prefix: 128, what: 'the unspecified address' },
  { net: '::1', prefix: 128, what: 'a loopback address' },
  { net: '::', prefix: 96, what: 'an IPv4-compatible IPv6 address' },
  { net: '::ffff:0:0', prefix: 96, what: 'an IPv4-mapped IPv6 address' },
  { net: '64:ff9b::', prefix: 96, what: 'a NAT64 address' },
  { net: '64:ff9b:1::', prefix: 48, what: 'a local NAT64 address' },
  { net: '100::', prefix: 64, what: 'a discard-only address' },
  { net: '2001::', prefix: 32, what: 'a Teredo tunnel address' },
  { net: '2001:db8::', prefix: 32, what: 'a documentation address' },
  { net: '2002::', prefix: 16, what: 'a 6to4 tunnel address' },
  { net: 'fc00::', prefix: 7, what: 'a private (unique local) address, incl. the fd00:ec2::254 cloud-metadata address' },
  { net: 'fe80::', prefix: 10, what: 'a link-local address' },
  { net: 'fec0::', prefix: 10, what: 'a site-local address' },
  { net: 'ff00::', prefix: 8, what: 'a multicast address' },
];

const refusedLists = REFUSED.map((r) => {
  const list = new BlockList();
  list.addSubnet(r.net, r.prefix, isIP(r.net) === 6 ? 'ipv6' : 'ipv4');
  return { list, what: r.what, v6: isIP(r.net) === 6 };
});

/** Why an address is internal (one phrase), or undefined for a public address. */
export function internalAddressKind(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  // Check the most specific (IPv6) entries by family; BlockList matches IPv4 rules against mapped IPv6 too.
  for (const { list, what, v6 } of refusedLists) {
    if (v6 !== (family === 6)) continue;
    if (list.check(address, family === 6 ? 'ipv6' : 'ipv4')) return what;
  }
  return undefined;
}

/**
 * Which addresses fetching may reach. By default every public address; the
 * exceptions in `TUMEN_FETCH_ALLOW` (CIDRs, single IPs, or `host:port` pairs) open
 * loopback or private targets, e.g. a feed served on 127.0.0.1 in tests.
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

  /** The policy for this process: `TUMEN_FETCH_ALLOW` from the environment, if set. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): AddressPolicy {
    return AddressPolicy.fromList(env.TUMEN_FETCH_ALLOW ?? '');
  }

  /**
   * Why connecting to `address` (resolved from `host`, on `port`) is refused, as a
   * readable phrase, or undefined when it is allowed.
   */
  refusal(address: string, host: string, port: number): string | undefined {
    const family = isIP(address);
    if (family === 0) return `"${address}" is not an IP address`;
    if (this.allowedNets.check(address, family === 6 ? 'ipv6' : 'ipv4')) return undefined;
    const bare = address.toLowerCase();
    if (this.allowedHostPorts.has(`${host.toLowerCase()}:${port}`) || this.allowedHostPorts.has(`${bare}:${port}`)) {
      return undefined;
    }
    const kind = internalAddressKind(address);
    return kind ? `${address} is ${kind} (list it in TUMEN_FETCH_ALLOW if this is intended)` : undefined;
  }
}
