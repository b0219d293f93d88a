import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import Long from 'long';
import { ALL_SEARCH_ATTRIBUTES } from '../execution/searchAttributes.js';

/** How long closed workflow histories are kept: auditors read them years later. */
export const RETENTION_DAYS = 3650;

/**
 * Prepares a namespace for Reglament on any Temporal server (dev server or cluster): registers
 * the typed search attributes that are missing and raises the retention of closed workflows to
 * `RETENTION_DAYS`. Idempotent. Throws when the server rejects either change.
 */
export async function prepareNamespace(connection: Connection, namespace: string): Promise<void> {
  await registerSearchAttributes(connection, namespace);
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: { seconds: Long.fromNumber(RETENTION_DAYS * 24 * 3600) } },
  });
}

/** Registers the typed search attributes missing on the server (idempotent). */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = ALL_SEARCH_ATTRIBUTES.filter((k) => !known.has(k.name));
  if (missing.length > 0) await addSearchAttributes(connection, namespace, missing.map((k) => k.name));
}

/** Adds keyword search attributes (all of Reglament's by default); fails if one already exists. */
export async function addSearchAttributes(connection: Connection, namespace: string, names = ALL_SEARCH_ATTRIBUTES.map((k) => k.name)): Promise<void> {
  const searchAttributes: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {};
  for (const name of names) searchAttributes[name] = proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}
