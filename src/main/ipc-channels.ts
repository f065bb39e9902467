/**
 * Names of the IPC channels and window messages between main and preload. The preload cannot import
 * from main (it is bundled alone, and lint forbids it), so it repeats these strings;
 * tests/integration/main/ipc-guard.test.ts checks that the two copies agree.
 */

/** Renderer -> main: "give me a MessagePort to the engine". */
export const REQUEST_ENGINE_PORT = 'leaky-lab:request-engine-port';
/** Main -> preload: carries the engine MessagePort in `event.ports`. */
export const ENGINE_PORT = 'engine-port';
/** Preload -> page: window message type that carries the engine MessagePort in `event.ports`. */
export const ENGINE_PORT_WINDOW_MESSAGE = 'leaky-lab:engine-port';
