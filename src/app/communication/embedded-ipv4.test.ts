import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embeddedIpv4 } from './embedded-ipv4.js';

const hex = (a: number, b: number) => ((a << 8) | b).toString(16);

describe('embeddedIpv4', () => {
  it('finds the IPv4 address inside mapped, compatible, NAT64 and 6to4 addresses, in every spelling', () => {
    expect(embeddedIpv4('::ffff:127.0.0.1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('::FFFF:7f00:1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('::127.0.0.1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('0:0:0:0:0:0:7f00:1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('64:ff9b::7f00:1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('64:ff9b:0:0:0:0:10.0.0.1')).toEqual(['10.0.0.1']);
    expect(embeddedIpv4('2002:7f00:1::')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('2002:a9fe:a9fe:1:2:3:4:5')).toEqual(['169.254.169.254']);
  });

  it('reads a local-use NAT64 address in every layout RFC 6052 allows there, skipping bits 64–71', () => {
    // 127.0.0.1 behind a /48 prefix: 7f00 in bits 48–63, the u octet, then 00 01.
    expect(embeddedIpv4('64:ff9b:1:7f00:0:100::')).toContain('127.0.0.1');
    expect(embeddedIpv4('64:ff9b:1:7f:0:1::')).toContain('127.0.0.1'); // /56: 7f in 56–63, 00 00 01 in 72–95
    expect(embeddedIpv4('64:ff9b:1:0:7f:0:100:0')).toContain('127.0.0.1'); // /64: 7f 00 00 01 in 72–103
    expect(embeddedIpv4('64:ff9b:1::7f00:1')).toContain('127.0.0.1'); // /96
  });

  it('finds the client (stored inverted) and server of a Teredo address, and the IPv4 address of an IPv4-translated one', () => {
    // RFC 4380's example: server 65.54.227.120, client 192.0.2.45 behind port 40000.
    expect(embeddedIpv4('2001:0:4136:e378:8000:63bf:3fff:fdd2')).toEqual(['192.0.2.45', '65.54.227.120']);
    expect(embeddedIpv4('2001:0:7f00:1:0:0:80ff:fffe')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('::ffff:0:127.0.0.1')).toEqual(['127.0.0.1']);
    expect(embeddedIpv4('0:0:0:0:ffff:0:a00:1')).toEqual(['10.0.0.1']);
  });

  it('finds nothing in other addresses, nor in :: and ::1', () => {
    for (const address of ['::', '::1', '2606:2800:220:1:248:1893:25c8:1946', 'fe80::1%eth0', '64:ff9b:0:1::1', '2001:db8::1', '127.0.0.1', 'example.com']) {
      expect(embeddedIpv4(address), address).toEqual([]);
    }
  });

  it('gives back any IPv4 address put inside the well-known forms', () => {
    fc.assert(fc.property(fc.ipV4(), (ipv4) => {
      const [a, b, c, d] = ipv4.split('.').map(Number) as [number, number, number, number];
      for (const address of [`::ffff:${ipv4}`, `::ffff:0:${ipv4}`, `64:ff9b::${hex(a, b)}:${hex(c, d)}`, `2002:${hex(a, b)}:${hex(c, d)}::1`]) {
        expect(embeddedIpv4(address), address).toEqual([ipv4]);
      }
    }));
  });

  it('gives back the client of any Teredo address first, and its server', () => {
    fc.assert(fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 0xffff }), (client, server, port) => {
      const [a, b, c, d] = client.split('.').map((part) => 255 - Number(part)) as [number, number, number, number];
      const [e, f, g, h] = server.split('.').map(Number) as [number, number, number, number];
      const address = `2001:0:${hex(e, f)}:${hex(g, h)}:8000:${port.toString(16)}:${hex(a, b)}:${hex(c, d)}`;
      expect(embeddedIpv4(address)).toEqual(client === server ? [client] : [client, server]);
    }));
  });
});
