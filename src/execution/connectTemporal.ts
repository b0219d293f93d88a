import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { prepareNamespace } from '../infra/temporalNamespace.js';
import { ensureRuntime } from './createWorker.js';

/** Client- and worker-side connections to one Temporal namespace. */
export interface TemporalConnections {
  client: Client;
  connection: Connection;
  native: NativeConnection;
  close(): Promise<void>;
}

/**
 * Connects to Temporal at `address`, prepares `namespace` (search attributes, retention) and returns
 * a client plus the native connection a worker needs. Throws when the server is unreachable.
 */
export async function connectTemporal(address: string, namespace: string): Promise<TemporalConnections> {
  const connection = await Connection.connect({ address });
  await prepareNamespace(connection, namespace);
  ensureRuntime();
  const native = await NativeConnection.connect({ address });
  return {
    client: new Client({ connection, namespace }),
    connection,
    native,
    close: async () => {
      await connection.close();
      await native.close();
    },
  };
}
