import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };

export type Jose = typeof JoseModule;

/**
 * `jose` ships only as an ES module, and this workspace compiles to CommonJS, which rewrites
 * a written `import()` into a `require()` that cannot load it here. A function made at run
 * time is not rewritten, so the module loads through Node's real dynamic import. The
 * specifier is a constant, never input.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

let loading: Promise<Jose> | undefined;

export function loadJose(): Promise<Jose> {
  loading ??= importModule('jose') as Promise<Jose>;

  return loading;
}
