/**
 * A restricted reader of Python's pickle format (the opcodes of protocols 0-5 that torch.save and
 * numpy write for data: containers, numbers, strings and calls of named globals), for reading a
 * state_dict without Python. It never runs code: a global is only a name, and what a call of it means is
 * the caller's `hooks.call` to decide (anything it does not know must throw). Format: Python's
 * Lib/pickletools.py, which documents every opcode.
 */
import { strFromU8 } from 'fflate';

/** A Python global (module and name) as a pickle refers to it, e.g. torch._utils._rebuild_tensor_v2. */
export interface PyGlobal {
  readonly kind: 'global';
  readonly module: string;
  readonly name: string;
}

/** A Python tuple (kept apart from lists only so that messages can say which it was). */
export type PyTuple = readonly unknown[];

/** What the caller decides: the value of a call (REDUCE, NEWOBJ) of a global, a persistent id, a BUILD. */
export interface PickleHooks {
  /** The value of `fn(*args)`; throws PickleError when fn is not one the caller knows. */
  call(fn: PyGlobal, args: PyTuple): unknown;
  /** The object a persistent id (BINPERSID) stands for (torch: a storage); throws when unknown. */
  persistent(pid: unknown): unknown;
  /** Applies a BUILD (setstate) to obj and returns it; by default state is ignored for dicts and refused otherwise. */
  build?(obj: unknown, state: unknown): unknown;
}

/** A pickle this reader cannot or will not read; the message says what and where. */
export class PickleError extends Error {}

/** Most items a container may hold (a state_dict has a few hundred; this stops a hostile file's blow-up). */
const MAX_ITEMS = 10_000_000;

/** Reads one pickle from `bytes` and returns its value (dicts as Map, tuples and lists as arrays, ints as numbers). */
export function unpickle(bytes: Uint8Array, hooks: PickleHooks): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo = new Map<number, unknown>();
  let p = 0;
  const need = (n: number) => {
    if (p + n > bytes.length) throw new PickleError(`the pickle ends early (at byte ${p}, ${n} more expected)`);
  };
  const u8 = () => (need(1), bytes[p++]!);
  const u16 = () => (need(2), (p += 2), view.getUint16(p - 2, true));
  const u32 = () => (need(4), (p += 4), view.getUint32(p - 4, true));
  const u64 = () => {
    need(8);
    const lo = view.getUint32(p, true);
    const hi = view.getUint32(p + 4, true);
    p += 8;
    if (hi > 0x1fffff) throw new PickleError(`a length at byte ${p - 8} is too large`);
    return hi * 0x1_0000_0000 + lo;
  };
  const raw = (n: number) => (need(n), (p += n), bytes.subarray(p - n, p));
  const line = () => {
    const end = bytes.indexOf(0x0a, p);
    if (end < 0) throw new PickleError(`a text line at byte ${p} has no end`);
    const s = latin1(bytes.subarray(p, end));
    p = end + 1;
    return s;
  };
  const pop = () => {
    if (stack.length === 0) throw new PickleError(`the pickle's stack is empty at byte ${p - 1}`);
    return stack.pop();
  };
  const top = () => {
    if (stack.length === 0) throw new PickleError(`the pickle's stack is empty at byte ${p - 1}`);
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const m = marks.pop();
    if (m === undefined) throw new PickleError(`a MARK is missing before byte ${p - 1}`);
    return stack.splice(m);
  };
  const dictAt = (at: number): Map<unknown, unknown> => {
    const d = stack[at];
    if (!(d instanceof Map)) throw new PickleError(`byte ${p - 1} adds items to something that is not a dict`);
    return d;
  };
  const listAt = (at: number): unknown[] => {
    const l = stack[at];
    if (!Array.isArray(l) || Object.isFrozen(l)) throw new PickleError(`byte ${p - 1} appends to something that is not a list`);
    return l;
  };
  const setItems = (d: Map<unknown, unknown>, items: unknown[]) => {
    if (items.length % 2 !== 0) throw new PickleError(`byte ${p - 1} sets a key without a value`);
    if (d.size + items.length / 2 > MAX_ITEMS) throw new PickleError('a dict is too large');
    for (let i = 0; i < items.length; i += 2) d.set(key(items[i]), items[i + 1]);
  };
  const global = (module: string, name: string): PyGlobal => ({ kind: 'global', module, name });
  const callable = (fn: unknown, what: string): PyGlobal => {
    if (!isGlobal(fn)) throw new PickleError(`${what} at byte ${p - 1} calls something that is not a named global`);
    return fn;
  };

  for (;;) {
    const at = p;
    const op = u8();
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: u64(); break; // FRAME: a length hint only
      case 0x2e: return pop(); // STOP
      case 0x28: marks.push(stack.length); break; // MARK
      case 0x29: stack.push(Object.freeze([])); break; // EMPTY_TUPLE
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x74: stack.push(Object.freeze(popMark())); break; // TUPLE
      case 0x85: stack.push(Object.freeze([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push(Object.freeze([a, b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push(Object.freeze([a, b, c])); break; } // TUPLE3
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x61: { const v = pop(); listAt(stack.length - 1).push(v); break; } // APPEND
      case 0x65: { const items = popMark(); listAt(stack.length - 1).push(...items); break; } // APPENDS
      case 0x64: { const d = new Map(); setItems(d, popMark()); stack.push(d); break; } // DICT
      case 0x73: { const v = pop(); const k = pop(); setItems(dictAt(stack.length - 1), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(dictAt(stack.length - 1), items); break; } // SETITEMS
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: need(4); stack.push(view.getInt32(p, true)); p += 4; break; // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: stack.push(long(raw(u8()), at)); break; // LONG1
      case 0x8b: stack.push(long(raw(u32()), at)); break; // LONG4
      case 0x47: need(8); stack.push(view.getFloat64(p, false)); p += 8; break; // BINFLOAT (big-endian)
      case 0x58: stack.push(utf8(raw(u32()))); break; // BINUNICODE
      case 0x8c: stack.push(utf8(raw(u8()))); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(utf8(raw(u64()))); break; // BINUNICODE8
      case 0x54: stack.push(latin1(raw(u32()))); break; // BINSTRING
      case 0x55: stack.push(latin1(raw(u8()))); break; // SHORT_BINSTRING
      case 0x42: stack.push(raw(u32()).slice()); break; // BINBYTES
      case 0x43: stack.push(raw(u8()).slice()); break; // SHORT_BINBYTES
      case 0x8e: stack.push(raw(u64()).slice()); break; // BINBYTES8
      case 0x63: { const module = line(); stack.push(global(module, line())); break; } // GLOBAL
      case 0x93: { const name = pop(); const module = pop(); // STACK_GLOBAL
        if (typeof module !== 'string' || typeof name !== 'string') throw new PickleError(`STACK_GLOBAL at byte ${at} needs two strings`);
        stack.push(global(module, name)); break; }
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: stack.push(recall(memo, u8(), at)); break; // BINGET
      case 0x6a: stack.push(recall(memo, u32(), at)); break; // LONG_BINGET
      case 0x52: case 0x81: { const args = pop(); const fn = callable(pop(), op === 0x52 ? 'REDUCE' : 'NEWOBJ'); // REDUCE, NEWOBJ
        if (!Array.isArray(args)) throw new PickleError(`a call at byte ${at} has no argument tuple`);
        stack.push(hooks.call(fn, args)); break; }
      case 0x62: { const state = pop(); const obj = pop(); // BUILD
        if (hooks.build !== undefined) stack.push(hooks.build(obj, state));
        else if (obj instanceof Map) stack.push(obj);
        else throw new PickleError(`BUILD at byte ${at} sets the state of an object this reader does not know`);
        break; }
      case 0x51: stack.push(hooks.persistent(pop())); break; // BINPERSID
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      default:
        throw new PickleError(`opcode 0x${op.toString(16).padStart(2, '0')} at byte ${at} is not one this reader supports (it reads the opcodes torch.save and numpy.savez use for tensors)`);
    }
  }
}

/** Whether a value is a global reference made by unpickle. */
export function isGlobal(x: unknown): x is PyGlobal {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'global' && typeof (x as { module?: unknown }).module === 'string';
}

/** A pickle's dict keys: strings and numbers as they are; anything else is refused (a state_dict's keys are strings). */
function key(k: unknown): unknown {
  if (typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean' || k === null) return k;
  throw new PickleError('a dict key is not a string or a number');
}

function recall(memo: Map<number, unknown>, i: number, at: number): unknown {
  if (!memo.has(i)) throw new PickleError(`byte ${at} recalls memo entry ${i}, which was never stored`);
  return memo.get(i);
}

/** A little-endian two's-complement integer; refused beyond 2^53 (no tensor size or offset is that large). */
function long(b: Uint8Array, at: number): number {
  if (b.length === 0) return 0;
  if (b.length > 7) {
    const sign = b[b.length - 1]! & 0x80 ? 0xff : 0;
    if (b.subarray(7).some((x) => x !== sign)) throw new PickleError(`an integer at byte ${at} is too large`);
  }
  let v = 0;
  let scale = 1;
  for (let i = Math.min(b.length, 7) - 1; i >= 0; i--) {
    v = v * 256 + b[i]!;
    scale *= 256;
  }
  return b[b.length - 1]! & 0x80 ? v - scale : v;
}

function utf8(b: Uint8Array): string {
  return strFromU8(b);
}

function latin1(b: Uint8Array): string {
  return strFromU8(b, true);
}
