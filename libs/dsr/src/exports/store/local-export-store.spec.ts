import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LocalExportStore } from './local-export-store';

describe(LocalExportStore.name, () => {
  let root: string;
  let store: LocalExportStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'export-store-'));
    store = new LocalExportStore(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('should keep a part in the folder of its region and prefix, and read it back', async () => {
    const location = { region: 'eu-west-1', prefix: 'acme/dsr-exports/' };

    const path = await store.write(location, 'c/r/t/contact/0.sealed', Buffer.from('sealed'));

    expect(path).toBe(join(root, 'eu-west-1', 'acme', 'dsr-exports', 'c/r/t/contact/0.sealed'));
    expect((await store.read(location, 'c/r/t/contact/0.sealed')).toString()).toBe('sealed');
  });

  it('should keep the same key apart in two locations', async () => {
    await store.write({ region: 'eu-west-1', prefix: null }, 'c/r/0.sealed', Buffer.from('eu'));
    await store.write({ region: 'us-east-1', prefix: null }, 'c/r/0.sealed', Buffer.from('us'));

    const eu = await store.read({ region: 'eu-west-1', prefix: null }, 'c/r/0.sealed');
    expect(eu.toString()).toBe('eu');
    expect((await readdir(root)).sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('should never let a prefix or key climb out of the root', async () => {
    const climbing = { region: 'eu-west-1', prefix: '../../..' };

    await store.write(climbing, 'c/0.sealed', Buffer.from('x'));

    expect(store.folderOf(climbing)).toBe(join(root, 'eu-west-1', '%2E%2E', '%2E%2E', '%2E%2E'));
    await expect(
      store.write({ region: 'eu-west-1', prefix: null }, '../../escape', Buffer.from('x')),
    ).rejects.toThrow('inside the export folder');
  });

  it('should encode what is not a plain folder name in a prefix', () => {
    expect(store.folderOf({ region: 'eu-west-1', prefix: 'Acme Ltd/données' })).toBe(
      join(root, 'eu-west-1', 'Acme%20Ltd', 'donn%C3%A9es'),
    );
  });

  it('should remove an export’s folder, and find nothing to remove harmless', async () => {
    const location = { region: 'eu-west-1', prefix: 'acme' };
    await store.write(location, 'c/r/t/contact/0.sealed', Buffer.from('x'));
    await store.write(location, 'c/r/t/contact/1.sealed', Buffer.from('y'));
    await store.write(location, 'c/other/t/contact/0.sealed', Buffer.from('z'));

    await store.remove(location, 'c/r');
    await store.remove(location, 'c/r');

    expect(await readdir(join(store.folderOf(location), 'c'))).toEqual(['other']);
  });
});
