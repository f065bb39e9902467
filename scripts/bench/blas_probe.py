#!/usr/bin/python3
"""Which BLAS the PyTorch peer really runs on, and how fast: used by `npm run bench` before any ratio.

Debian's python3-torch calls the BLAS behind the alternative libblas.so.3: the reference BLAS
(libblas3, about 3-8 GFLOP/s) unless OpenBLAS (libopenblas0-pthread) is installed, and OpenBLAS 0.3.21
can pick a kernel older than the CPU (it detects some current Xeons as "Prescott"). This module finds the
library PyTorch's sgemm_ really resolves to among those the process mapped (/proc/self/maps, dlsym and
dladdr), asks it its OpenBLAS core type through ctypes, and times a single-thread 512-cube float32
matmul. It changes nothing and installs nothing.

  /usr/bin/python3 scripts/bench/blas_probe.py [--seconds S]   prints one JSON object (see probe()); S:
      the least time of each timed matmul (default 1)

Imported by torch_bench.py and lab_peers.py, after torch is imported, so that each measuring process
reports the BLAS it measured with.
"""
import ctypes
import json
import os
import sys
import time

# One thread: the bench compares single-threaded engines (OpenBLAS reads these once, when loaded).
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
os.environ.setdefault('OMP_NUM_THREADS', '1')


def mapped_blas_libraries():
    """Paths of the BLAS / LAPACK shared libraries mapped into this process, in order, without repeats."""
    paths = []
    with open('/proc/self/maps') as maps:
        for line in maps:
            parts = line.split()
            if len(parts) < 6:
                continue
            path = parts[-1]
            name = os.path.basename(path).lower()
            if ('blas' in name or 'lapack' in name or 'blis' in name or 'mkl' in name) and path not in paths:
                paths.append(path)
    return paths


class _DlInfo(ctypes.Structure):
    """glibc's Dl_info, which dladdr fills in."""
    _fields_ = [('dli_fname', ctypes.c_char_p), ('dli_fbase', ctypes.c_void_p),
                ('dli_sname', ctypes.c_char_p), ('dli_saddr', ctypes.c_void_p)]


def _provider(path, symbol):
    """The real path of the library that `symbol` resolves to when looked up from the library at `path`
    (dlsym on its handle searches it and its dependencies in load order, as its own calls bind), or None."""
    try:
        fn = getattr(ctypes.CDLL(path), symbol)  # already loaded: the same handle, nothing new is mapped
    except (OSError, AttributeError):
        return None
    info = _DlInfo()
    if ctypes.CDLL(None).dladdr(ctypes.cast(fn, ctypes.c_void_p), ctypes.byref(info)) == 0 or not info.dli_fname:
        return None
    return os.path.realpath(info.dli_fname.decode())


def sgemm_provider():
    """(who, library) that float32 matrix products run in: PyTorch's sgemm_ (from libtorch_cpu), else
    numpy's cblas_sgemm; (None, None) when neither is loaded. Both libraries may be mapped at once (e.g.
    OpenBLAS's LAPACK beside the reference BLAS), so what is mapped does not say which one computes."""
    mapped = []
    with open('/proc/self/maps') as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ''
            if path not in mapped:
                mapped.append(path)
    for path in mapped:
        if 'libtorch_cpu' in os.path.basename(path):
            lib = _provider(path, 'sgemm_')
            if lib:
                return 'torch', lib
    for path in mapped:
        if '_multiarray_umath' in os.path.basename(path):
            lib = _provider(path, 'cblas_sgemm') or _provider(path, 'sgemm_')
            if lib:
                return 'numpy', lib
    return None, None


def _openblas(path):
    """(core name, config) when the library at `path` is OpenBLAS, else None."""
    try:
        lib = ctypes.CDLL(path)
        corename = lib.openblas_get_corename
        config = lib.openblas_get_config
    except (OSError, AttributeError):
        return None
    corename.restype = ctypes.c_char_p
    config.restype = ctypes.c_char_p
    return corename().decode(), config().decode().strip()


def blas_info():
    """What this process's BLAS is: {kind, sgemm, sgemmFrom, libraries, openblasCore, openblasConfig,
    coretypeEnv, threadsEnv}.

    sgemm: the library PyTorch's (else numpy's) float32 products resolve to; kind: what that library is:
    'openblas', 'reference' (netlib libblas3, Debian's /usr/lib/<triplet>/blas/), 'mkl', 'blis' or
    'unknown'; 'none' when no BLAS is loaded (import torch or numpy first). libraries: every BLAS or
    LAPACK library mapped, the sgemm one first.
    """
    libs = mapped_blas_libraries()
    who, lib = sgemm_provider()
    info = {
        'sgemm': lib,
        'sgemmFrom': who,
        'libraries': ([lib] if lib else []) + [p for p in libs if os.path.realpath(p) != lib],
        'openblasCore': None,
        'openblasConfig': None,
        'coretypeEnv': os.environ.get('OPENBLAS_CORETYPE'),
        'threadsEnv': os.environ.get('OPENBLAS_NUM_THREADS'),
    }
    name = os.path.basename(lib or '').lower()
    ob = _openblas(lib) if lib else None
    if ob:
        info['kind'] = 'openblas'
        info['openblasCore'], info['openblasConfig'] = ob
    elif lib is None:
        info['kind'] = 'none'
    elif 'mkl' in name:
        info['kind'] = 'mkl'
    elif 'blis' in name:
        info['kind'] = 'blis'
    elif os.path.basename(os.path.dirname(lib)) == 'blas' and name.startswith('libblas.so'):
        info['kind'] = 'reference'
    else:
        info['kind'] = 'unknown'
    return info


def torch_build_blas(torch):
    """The BLAS_INFO / LAPACK_INFO that torch.__config__.show() reports (how it was built, not what runs)."""
    shown = torch.__config__.show()
    out = {}
    for key in ('BLAS_INFO', 'LAPACK_INFO'):
        at = shown.find(key + '=')
        if at >= 0:
            out[key] = shown[at + len(key) + 1:].split(',')[0].strip()
    return out


def _rate(run, flops, seconds, windows=4):
    """flops x runs per second, in GFLOP/s: the best of `windows` windows of seconds / windows each, after
    one untimed run. The best, because on a shared machine noise only ever slows a window down."""
    run()
    best = 0.0
    for _ in range(windows):
        start = time.perf_counter()
        n = 0
        while True:
            run()
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds / windows:
                break
        best = max(best, n * flops / elapsed / 1e9)
    return best


def torch_matmul_gflops(torch, n=512, seconds=1.0):
    """Single-thread float32 n x n x n torch.matmul, GFLOP/s (2 n^3 flops per product)."""
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(1)
    a = torch.randn(n, n, generator=g)
    b = torch.randn(n, n, generator=g)
    c = torch.empty(n, n)
    return _rate(lambda: torch.matmul(a, b, out=c), 2 * n ** 3, seconds)


def numpy_matmul_gflops(np, n=512, seconds=1.0):
    """Single-thread float32 n x n x n np.matmul, GFLOP/s."""
    rng = np.random.default_rng(1)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    c = np.empty((n, n), dtype=np.float32)
    return _rate(lambda: np.matmul(a, b, out=c), 2 * n ** 3, seconds)


def probe(seconds=1.0):
    """Imports torch (and numpy) and reports {torch, numpy, torchBuild, blas, torchMatmulGflops, numpyMatmulGflops}."""
    out = {'torch': None, 'numpy': None, 'torchBuild': None, 'blas': None, 'torchMatmulGflops': None,
           'numpyMatmulGflops': None, 'errors': []}
    torch = np = None
    try:
        import torch  # noqa: F401
        torch.set_num_threads(1)
        out['torch'] = torch.__version__
        out['torchBuild'] = torch_build_blas(torch)
    except Exception as e:  # reported, never fatal: the bench prints the reason
        out['errors'].append('import torch: %s' % e)
    try:
        import numpy as np  # noqa: F401
        out['numpy'] = np.__version__
    except Exception as e:
        out['errors'].append('import numpy: %s' % e)
    out['blas'] = blas_info()
    if torch is not None:
        out['torchMatmulGflops'] = torch_matmul_gflops(torch, seconds=seconds)
    if np is not None:
        out['numpyMatmulGflops'] = numpy_matmul_gflops(np, seconds=seconds)
    out['blas'] = blas_info()  # again: a library loaded lazily by the first product shows up now
    return out


if __name__ == '__main__':
    at = sys.argv.index('--seconds') if '--seconds' in sys.argv else -1
    print(json.dumps(probe(float(sys.argv[at + 1]) if at >= 0 else 1.0)))
