import { startVaultTransitDouble } from './vault-transit.double';

const REAL_VAULT = process.env.TEST_VAULT_ADDR && process.env.TEST_VAULT_TOKEN;

/** Where the Vault specs run: a real Vault when the variables say so, else the double. */
export const VAULT_TARGET = REAL_VAULT
  ? 'a real Vault transit engine'
  : 'an HTTP double of Vault transit';

export interface VaultTarget {
  address: string;
  token: string;
  mount: string;
  createKey(name: string, options?: { derived?: boolean }): Promise<void>;
  close: () => Promise<void>;
}

export async function openVaultTarget(): Promise<VaultTarget> {
  const address = process.env.TEST_VAULT_ADDR;
  const token = process.env.TEST_VAULT_TOKEN;
  const mount = process.env.TEST_VAULT_TRANSIT_MOUNT ?? 'transit';

  if (address && token) {
    return {
      address,
      token,
      mount,
      createKey: async (name, options = {}) => {
        const response = await fetch(`${address}/v1/${mount}/keys/${name}`, {
          method: 'POST',
          headers: { 'X-Vault-Token': token, 'Content-Type': 'application/json' },
          body: JSON.stringify({ derived: options.derived ?? false }),
        });

        if (!response.ok) {
          throw new Error(`creating transit key ${name} failed with ${response.status}`);
        }
      },
      close: async () => undefined,
    };
  }

  const double = await startVaultTransitDouble(mount);

  return {
    address: double.address,
    token: double.token,
    mount,
    createKey: async (name, options) => double.createKey(name, options),
    close: double.close,
  };
}
