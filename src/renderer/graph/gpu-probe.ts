let cached: boolean | null = null;

/**
 * Whether multisample antialiasing is affordable: true on a hardware GPU, false on a software
 * rasterizer (SwiftShader, llvmpipe: headless Chromium, VMs), where MSAA makes every frame several
 * times slower. Probed once with a throwaway WebGL context.
 */
export function antialiasAffordable(): boolean {
  if (cached !== null) return cached;
  cached = false;
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (gl === null) return cached;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL));
    cached = !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    cached = false;
  }
  return cached;
}
