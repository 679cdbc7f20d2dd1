import { ServiceError } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { DataSource } from 'typeorm';

import { BlindIndexKind } from '../blind-index/blind-index';
import { assertCompanyId, assertSubjectId, FieldBinding } from '../envelope/field-binding';
import { CryptoError } from '../errors/crypto.error';
import { DataKeyRing } from '../keyring/data-key-ring';
import { toKeySet } from '../keyring/key-set';
import { KeyringStore } from '../keyring/keyring.store';
import { ProviderRegistry } from '../keyring/provider-registry';
import { KeyProvider } from '../providers/key-provider';
import { EncryptedFieldCodec } from './encrypted-field.codec';
import { FieldEncryptionOptions, resolveFieldEncryptionOptions } from './field-encryption.options';
import { KekRotationResult, rewrapKeyring } from './kek-rotation';
import { assertRetirable } from './key-retirement';
import { KeySetVersions, toKeySetVersions, ValueCounter } from './key-versions';
import {
  ReencryptionKeys,
  ReencryptionOptions,
  ReencryptionProgress,
  ReencryptionSource,
  reencryptValues,
} from './reencryption';
import { unlessNotReady } from './when-ready';

export interface DataKeyCompany {
  companyId: string;
  /** Whether the company has its own data key, besides any data subject's. */
  hasCompanyKey: boolean;
  /** Data subjects' key sets not destroyed: separate sets, each with its own versions. */
  subjectKeySets: number;
}

export interface ShredResult {
  keyId: string;
  /** Data key versions deleted; 0 when the subject had none (a tombstone is kept anyway). */
  destroyedKeys: number;
}

/**
 * Field-level envelope encryption for a service: seals and opens values bound to their
 * row, computes blind indexes, and runs key rotation, retirement and crypto-shredding.
 * One instance per process and database; it holds the only copy of unwrapped keys.
 */
export class FieldEncryption {
  readonly codec: EncryptedFieldCodec;
  private readonly logger = createLogger(FieldEncryption.name);
  private readonly store: KeyringStore;
  private readonly providers: ProviderRegistry;
  private readonly ring: DataKeyRing;
  private readonly rotationBatchSize: number;

  constructor(dataSource: DataSource, provider: KeyProvider, options: FieldEncryptionOptions = {}) {
    const resolved = resolveFieldEncryptionOptions(options);

    this.store = new KeyringStore(dataSource);
    this.providers = new ProviderRegistry(provider, resolved.previousProviders);
    this.ring = new DataKeyRing(this.store, this.providers, resolved.policy, resolved.now);
    this.codec = new EncryptedFieldCodec(this.ring, {
      encoding: resolved.blindIndexEncoding,
      defaultCountryCode: resolved.defaultCountryCode,
    });
    this.rotationBatchSize = resolved.rotationBatchSize;
  }

  /**
   * With warm keys this (like `decrypt` and `blindIndex`) answers at once, with no turn of an
   * async wrapper and no closure made; the binding is checked before any key is prepared.
   * Every failure is a rejection, never a throw.
   */
  encrypt(plaintext: string, binding: FieldBinding): Promise<string> {
    try {
      return Promise.resolve(this.codec.encrypt(plaintext, binding));
    } catch (failure) {
      return unlessNotReady(
        failure,
        () => this.codec.encrypt(plaintext, binding),
        () => this.codec.prepare(binding.companyId, { subjectId: binding.subjectId ?? null }),
      );
    }
  }

  decrypt(ciphertext: string, binding: FieldBinding): Promise<string> {
    try {
      return Promise.resolve(this.codec.decrypt(ciphertext, binding));
    } catch (failure) {
      return unlessNotReady(
        failure,
        () => this.codec.decrypt(ciphertext, binding),
        () => this.codec.prepareToDecrypt([ciphertext], binding.companyId),
      );
    }
  }

  blindIndex(kind: BlindIndexKind, value: string, companyId: string): Promise<string> {
    try {
      assertCompanyId(companyId);
      return Promise.resolve(this.codec.blindIndex(kind, value, companyId));
    } catch (failure) {
      return unlessNotReady(
        failure,
        () => this.codec.blindIndex(kind, value, companyId),
        () => this.codec.prepare(companyId, { encryptions: 0, blindIndex: true }),
      );
    }
  }

  /** A new KEK version where the provider can make one, then every data key rewrapped. */
  async rotateKek(companyId?: string): Promise<KekRotationResult> {
    const provider = this.providers.current;
    const kekVersion = provider.rotate ? await provider.rotate() : provider.currentVersion;
    const rewrapped = await this.rewrapDataKeys(companyId);

    this.logger.info({ providerId: provider.id, kekVersion, rewrapped, companyId }, 'KEK rotated');
    return { providerId: provider.id, kekVersion, rewrapped };
  }

  /** Moves data keys to the current provider and KEK version without making a new one. */
  async rewrapDataKeys(companyId?: string): Promise<number> {
    if (companyId !== undefined) {
      assertCompanyId(companyId);
    }

    return rewrapKeyring(this.store, this.providers, companyId ?? null, this.rotationBatchSize);
  }

  /**
   * Destroys the subject's data keys. Every copy of the subject's values, in backups and
   * archives too, stops decrypting. Other processes forget the key within the cache age.
   */
  async shredSubject(companyId: string, subjectId: string): Promise<ShredResult> {
    assertCompanyId(companyId);
    assertSubjectId(subjectId);
    const { keySetId, deleted } = await this.store.destroySubjectKeys(companyId, subjectId);

    this.ring.forget(keySetId);

    // The key id, never the subject id: the log outlives the key.
    this.logger.info(
      { companyId, keyId: keySetId, destroyedKeys: deleted },
      'subject keys destroyed',
    );
    return { keyId: keySetId, destroyedKeys: deleted };
  }

  /** The versions of a company's (or a subject's) data key, for counting and retiring. */
  async keyVersions(companyId: string, subjectId?: string): Promise<KeySetVersions | undefined> {
    assertCompanyId(companyId);

    if (subjectId !== undefined) {
      assertSubjectId(subjectId);
    }

    const row = await this.store.findKeySet(companyId, subjectId ?? null, 'data');

    if (!row) {
      return undefined;
    }

    return toKeySetVersions(toKeySet(row), await this.store.listVersions(row.id));
  }

  /** Every company that has a data key in the keyring, in company id order. */
  async dataKeyCompanies(): Promise<DataKeyCompany[]> {
    const rows = await this.store.listDataKeyCompanies();

    return rows.map((row) => ({
      companyId: row.company_id,
      hasCompanyKey: row.company_key_sets > 0,
      subjectKeySets: row.subject_key_sets,
    }));
  }

  /**
   * Makes versions below `belowVersion` refuse to decrypt, once `countValuesUnder` reports
   * that no value is left under any of them. Returns the new minimum version.
   */
  async retireKeyVersions(
    companyId: string,
    retirement: { subjectId?: string; belowVersion: number; countValuesUnder: ValueCounter },
  ): Promise<number> {
    const keySet = await this.keyVersions(companyId, retirement.subjectId);

    if (!keySet) {
      throw ServiceError.notFound('key set');
    }

    await assertRetirable(keySet, retirement.belowVersion, retirement.countValuesUnder);
    const minVersion = await this.store.retireVersionsBelow(keySet.keyId, retirement.belowVersion);
    this.ring.forget(keySet.keyId);

    this.logger.info({ companyId, keyId: keySet.keyId, minVersion }, 'data key versions retired');
    return minVersion;
  }

  /** Moves old values of a caller's table to the newest data key; see `reencryptValues`. */
  async reencrypt<TCursor>(
    source: ReencryptionSource<TCursor>,
    options: ReencryptionOptions<TCursor> = {},
  ): Promise<ReencryptionProgress<TCursor>> {
    return reencryptValues(this.reencryptionKeys(), source, options);
  }

  /** Forgets every unwrapped key. The providers stay open: the caller made them. */
  forgetKeys(): void {
    this.ring.clear();
  }

  private reencryptionKeys(): ReencryptionKeys {
    return {
      newestVersion: async (keyId) => {
        const newest = (await this.store.currentDataKey(keyId))?.version ?? 0;
        this.ring.useNewest(keyId, newest);
        return newest;
      },
      decrypt: (ciphertext, binding) => this.decrypt(ciphertext, binding),
      encryptUnder: async (keyId, plaintext, binding) => {
        const keySet = await this.ring.keySets.byKeyId(keyId);

        if (!keySet || keySet.companyId !== binding.companyId.toLowerCase()) {
          throw CryptoError.authenticationFailed();
        }

        return this.encrypt(plaintext, { ...binding, subjectId: keySet.subjectId });
      },
    };
  }
}
