import { describe, expect, it } from 'vitest';
import * as channels from '../../../src/main/ipc-channels';
import { CHANNELS } from '../../../src/core/protocol/bridge';
import { isTrustedSender, isTrustedSenderUrl } from '../../../src/main/ipc-guard';

describe('isTrustedSenderUrl', () => {
  it.each([['app://leaky-lab/index.html'], ['app://leaky-lab/'], ['app://leaky-lab/index.html?lane=1#graph']])('trusts the app page %s', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(true);
  });

  it.each([
    ['file:///index.html'],
    ['file:///work/main/out/renderer/index.html'],
    ['http://leaky-lab/index.html'],
    ['https://leaky-lab/index.html'],
    ['http://localhost:5173/'],
    ['app://leaky-lab.evil.com/index.html'],
    ['app://evil.com/leaky-lab/index.html'],
    ['app://evil/app://leaky-lab/'],
    ['app://leaky-lab@evil.com/'],
    ['app://evil@leaky-lab/'],
    ['app://user:pw@leaky-lab/'],
    ['app://leaky-lab:443/'],
    ['appx://leaky-lab/'],
    ['devtools://devtools/bundled/inspector.html'],
    ['about:blank'],
    ['data:text/html,<script>1</script>'],
    ['javascript:alert(1)'],
    ['blob:app://leaky-lab/123'],
    ['leaky-lab'],
    [''],
    [`app://leaky-lab/${'x'.repeat(5000)}`],
  ])('does not trust %s', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(false);
  });

  it.each([[null], [undefined], [42], [{}], [['app://leaky-lab/']], [{ toString: () => 'app://leaky-lab/' }]])('does not trust the non-string %j', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of an app page', () => {
    expect(isTrustedSender({ url: 'app://leaky-lab/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://leaky-lab/index.html', parent: { url: 'app://leaky-lab/index.html' } })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.com/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('IPC channel names', () => {
  it('are the shared contract\'s in main (the preload and renderer import the same module)', () => {
    expect(Object.values(channels).sort()).toEqual(Object.values(CHANNELS).sort());
  });
});
