import { describe, expect, it } from 'vitest';
import { PickleError, type PyGlobal, unpickle } from '../../../../src/core/import/pickle';

const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));

// pickle.dumps(v, protocol=P).hex() of Python 3.11 for
// v = {'a': (1, 2.5, 'x', None, True, False, [1, 2, 3]), 'b': -300, 'c': 70000, 'd': 2**40, 'e': -2**40, 'é': b'\x00\x01', 'f': (), 'g': ('only',)}
const P4 =
  '8004956e000000000000007d94288c016194284b014740040000000000008c0178944e88895d94284b014b024b036574948c0162944ad4feffff8c0163944a701101008c0164948a060000000000018c0165948a060000000000ff8c02c3a99443020001948c016694298c0167948c046f6e6c79948594752e';
const P2 =
  '80027d7100285801000000617101284b0147400400000000000058010000007871024e88895d7103284b014b024b036574710458010000006271054ad4feffff58010000006371064a7011010058010000006471078a0600000000000158010000006571088a060000000000ff5802000000c3a97109635f636f646563730a656e636f64650a710a58020000000001710b58060000006c6174696e31710c86710d52710e580100000066710f29580100000067711058040000006f6e6c797111857112752e';

const refuseAll = {
  call(fn: PyGlobal): unknown {
    throw new PickleError(`calls ${fn.module}.${fn.name}`);
  },
  persistent(): unknown {
    throw new PickleError('no persistent ids');
  },
};

function expectValue(v: unknown, bytes: unknown): void {
  expect(v).toBeInstanceOf(Map);
  const m = v as Map<string, unknown>;
  expect([...m.keys()]).toEqual(['a', 'b', 'c', 'd', 'e', 'é', 'f', 'g']);
  expect(m.get('a')).toEqual([1, 2.5, 'x', null, true, false, [1, 2, 3]]);
  expect(m.get('b')).toBe(-300);
  expect(m.get('c')).toBe(70000);
  expect(m.get('d')).toBe(2 ** 40);
  expect(m.get('e')).toBe(-(2 ** 40));
  expect(m.get('é')).toEqual(bytes);
  expect(m.get('f')).toEqual([]);
  expect(m.get('g')).toEqual(['only']);
}

describe('unpickle', () => {
  it('reads what Python 3.11 writes with protocol 4 (frames, memoize, short strings, bytes, longs)', () => {
    expectValue(unpickle(hex(P4), refuseAll), Uint8Array.from([0, 1]));
  });

  it('reads protocol 2 and hands calls of globals to the caller (bytes are _codecs.encode there)', () => {
    const calls: string[] = [];
    const v = unpickle(hex(P2), {
      ...refuseAll,
      call(fn, args) {
        calls.push(`${fn.module}.${fn.name}`);
        return `encoded:${String(args[0])}`;
      },
    });
    expect(calls).toEqual(['_codecs.encode']);
    expectValue(v, 'encoded:\u0000\u0001');
  });

  it('never calls a global by itself: an unknown one is the caller\'s refusal', () => {
    // pickle.dumps(pickle.loads, protocol=2): a bare global is only a name.
    expect(unpickle(hex('8002637069636b6c650a6c6f6164730a71002e'), refuseAll)).toEqual({ kind: 'global', module: 'pickle', name: 'loads' });
    // pickle.dumps(collections.OrderedDict(x=1), protocol=2): REDUCE of a global asks the caller.
    expect(() => unpickle(hex('800263636f6c6c656374696f6e730a4f726465726564446963740a71002952710158010000007871024b01732e'), refuseAll)).toThrow('calls collections.OrderedDict');
  });

  it('refuses text opcodes (protocol 0), truncation and bad memo references with the byte they are at', () => {
    expect(() => unpickle(hex('286470300a566b0a70310a286c70320a49310a615674776f0a70330a61732e'), refuseAll)).toThrow(/opcode 0x70 at byte 2 is not one this reader supports/);
    expect(() => unpickle(hex(P4).subarray(0, 40), refuseAll)).toThrow(PickleError);
    expect(() => unpickle(hex('8002680571002e'), refuseAll)).toThrow('byte 2 recalls memo entry 5, which was never stored');
    expect(() => unpickle(hex('80022e'), refuseAll)).toThrow('stack is empty');
  });
});
