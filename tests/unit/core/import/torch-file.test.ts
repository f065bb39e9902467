import { describe, expect, it } from 'vitest';
import { readNpzFile } from '../../../../src/core/import/npz-file';
import { readTorchFile } from '../../../../src/core/import/torch-file';
import { bytesOf, EXPECTED } from './fixtures';

const readable = Object.keys(EXPECTED.readable);

describe('readTorchFile and readNpzFile against files PyTorch and numpy wrote', () => {
  it('the fixtures cover torch.save files and .npz files', () => {
    expect(readable.filter((f) => f.endsWith('.pt')).length).toBeGreaterThanOrEqual(6);
    expect(readable.filter((f) => f.endsWith('.npz')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(readable)('%s: every tensor with its name, dtype, shape and exact values, in the file\'s order', (file) => {
    const read = file.endsWith('.npz') ? readNpzFile(bytesOf(file), file) : readTorchFile(bytesOf(file), file);
    if (!read.ok) throw new Error(read.message);
    const want = EXPECTED.readable[file]!.tensors;
    expect(read.tensors.map((t) => t.name)).toEqual(want.map((t) => t.name));
    read.tensors.forEach((t, i) => {
      expect(t.dtype, t.name).toBe(want[i]!.dtype);
      expect(t.shape, t.name).toEqual(want[i]!.shape);
      expect([...t.values!], t.name).toEqual(want[i]!.values);
    });
  });

  it('reads a checkpoint dict from its model_state_dict key, and says so', () => {
    const read = readTorchFile(bytesOf('checkpoint.pt'), 'checkpoint.pt');
    expect(read.ok && read.notes).toEqual(["read the state_dict under the checkpoint's key 'model_state_dict'"]);
  });

  it('gives no values for a dtype it does not read, but names it', () => {
    const read = readTorchFile(bytesOf('float16.pt'), 'float16.pt');
    expect(read.ok && read.tensors.map((t) => [t.dtype, t.values])).toEqual([['float16', null], ['float16', null], ['float16', null], ['float16', null]]);
  });

  it.each([
    ['whole-model.pt', 'holds a whole torch.nn.modules.container.Sequential object, not a state_dict of tensors. Save the weights with torch.save(model.state_dict(), PATH)'],
    ['legacy.pt', "saved in PyTorch's legacy format"],
    ['torchscript.pt', 'is a TorchScript archive (torch.jit.save)'],
    ['mlp.npz', 'is a zip archive without the data.pkl of torch.save'],
  ])('refuses %s naming the file and what to do', (file, words) => {
    const read = readTorchFile(bytesOf(file), file);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toContain(`${file}: `);
    expect(!read.ok && read.message).toContain(words);
  });

  it('refuses a truncated archive and a file that is no archive at all', () => {
    const whole = bytesOf('mlp.pt');
    const cut = readTorchFile(whole.subarray(0, whole.length - 100), 'cut.pt');
    expect(!cut.ok && cut.message).toMatch(/^cut\.pt: is not a readable zip archive .*; it may be truncated\.$/);
    const text = readTorchFile(new TextEncoder().encode('{"weights": []}'), 'w.json');
    expect(!text.ok && text.message).toBe('w.json: is not a file torch.save writes (a zip archive), nor an .npz. Save the model with torch.save(model.state_dict(), PATH).');
    const npz = readNpzFile(whole.subarray(0, 50), 'cut.npz');
    expect(!npz.ok && npz.message).toContain('cut.npz: is not a readable .npz');
  });
});
