import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints a fixture as if it lived at `as`, so the per-layer rules of eslint.config.js apply to it.
async function lintAs(fixture: string, as: string): Promise<ESLint.LintResult> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const code = readFileSync(new URL(`../fixtures/lint/${fixture}`, import.meta.url), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: as });
  return result!;
}

function ruleHits(r: ESLint.LintResult, rule: string): string[] {
  return r.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('layer rules', () => {
  it('forbid host and upper-layer imports in src/core', async () => {
    const r = await lintAs('core-imports-hosts.ts', 'src/core/engine/bad.ts');
    const imports = ruleHits(r, 'no-restricted-imports');
    expect(imports).toHaveLength(5);
    expect(imports[0]).toContain('host-free');
    expect(ruleHits(r, 'no-restricted-globals')).toHaveLength(1);
  });

  it('forbid upward imports inside core (nn may not import engine)', async () => {
    const r = await lintAs('core-imports-upward.ts', 'src/core/nn/bad.ts');
    expect(ruleHits(r, 'no-restricted-imports')).toHaveLength(1);
  });

  it('forbid the engine importing the Lab, which sits above it', async () => {
    const r = await lintAs('core-imports-lab.ts', 'src/core/engine/bad.ts');
    const hits = ruleHits(r, 'no-restricted-imports');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toContain('core/engine may not import lab');
  });

  it('forbid the engine importing the PyTorch export, and the export importing the Lab', async () => {
    const engine = ruleHits(await lintAs('core-imports-export.ts', 'src/core/engine/bad.ts'), 'no-restricted-imports');
    expect(engine).toHaveLength(1);
    expect(engine[0]).toContain('core/engine may not import lab, export');
    const exporter = ruleHits(await lintAs('core-export-imports-lab.ts', 'src/core/export/bad.ts'), 'no-restricted-imports');
    expect(exporter).toHaveLength(1);
    expect(exporter[0]).toContain('core/export may not import lab');
  });

  it('forbid the PyTorch file readers importing the engine, and the engine importing them', async () => {
    const reader = ruleHits(await lintAs('core-import-imports-engine.ts', 'src/core/import/bad.ts'), 'no-restricted-imports');
    expect(reader).toHaveLength(1);
    expect(reader[0]).toContain('core/import may not import engine, lab, export');
    const engine = ruleHits(await lintAs('core-engine-imports-import.ts', 'src/core/engine/bad.ts'), 'no-restricted-imports');
    expect(engine).toHaveLength(1);
    expect(engine[0]).toContain('core/engine may not import lab, export, import');
  });

  it('forbid Node, Electron and main imports in the renderer', async () => {
    const r = await lintAs('renderer-imports-node.ts', 'src/renderer/bad.ts');
    expect(ruleHits(r, 'no-restricted-imports')).toHaveLength(3);
  });

  it('forbid host-dependent Math functions and ** in src/core (exact ones like sqrt pass)', async () => {
    const r = await lintAs('core-nondeterministic-math.ts', 'src/core/nn/bad.ts');
    expect(ruleHits(r, 'no-restricted-properties')).toHaveLength(2);
    expect(ruleHits(r, 'no-restricted-syntax')).toHaveLength(1);
    expect(ruleHits(r, 'no-restricted-properties')[0]).toContain('dmath');
  });

  it('forbid host and upper-layer imports and Node globals in src/loader', async () => {
    const r = await lintAs('loader-imports-hosts.ts', 'src/loader/bad.ts');
    const imports = ruleHits(r, 'no-restricted-imports');
    expect(imports).toHaveLength(7);
    expect(imports[0]).toContain('host-agnostic');
    expect(ruleHits(r, 'no-restricted-globals')).toHaveLength(1);
  });

  it('forbid src/core to import src/loader', async () => {
    const r = await lintAs('core-imports-loader.ts', 'src/core/data/bad.ts');
    const imports = ruleHits(r, 'no-restricted-imports');
    expect(imports).toHaveLength(1);
    expect(imports[0]).toContain('loader');
  });

  it('let the loader import core and papaparse', async () => {
    const r = await lintAs('loader-clean.ts', 'src/loader/fine.ts');
    expect(r.messages.filter((m) => m.severity === 2)).toEqual([]);
  });

  it.each([
    ['preload-imports-layers.ts', 'src/preload/bad.ts', 4, 'narrow bridge'],
    ['main-imports-layers.ts', 'src/main/bad.ts', 4, 'never the renderer, preload or cli'],
    ['cli-imports-layers.ts', 'src/cli/bad.ts', 4, 'headless'],
  ])('forbid other layers in %s (as %s)', async (fixture, as, count, why) => {
    const r = await lintAs(fixture, as);
    const imports = ruleHits(r, 'no-restricted-imports');
    expect(imports).toHaveLength(count);
    expect(imports[0]).toContain(why);
  });

  it('let main and cli import core and Node', async () => {
    for (const as of ['src/main/fine.ts', 'src/cli/fine.ts']) {
      const r = await lintAs('shell-clean.ts', as);
      expect(r.messages.filter((m) => m.ruleId === 'no-restricted-imports'), as).toEqual([]);
    }
  });

  it('let downward imports inside core pass', async () => {
    const r = await lintAs('core-clean.ts', 'src/core/engine/fine.ts');
    expect(r.messages.filter((m) => m.severity === 2)).toEqual([]);
  });
});
