import { Command } from 'commander';
import { registerApplyCommand } from './applyCommand.js';
import { registerAuditCommand } from './auditCommand.js';
import { registerConfirmCommand } from './confirmCommand.js';
import { registerWaiveCommand } from './waiveCommand.js';
import { registerImportCommand } from './importCommand.js';
import { registerSeedCommand } from './seedCommand.js';
import { registerSimulateCommand } from './simulateCommand.js';
import { registerMailCommand } from './mailCommand.js';
import { registerPlanCommand } from './planCommand.js';
import { registerStartCommand } from './startCommand.js';
import { registerTimeCommands } from './timeCommands.js';
import { registerToolsCommand } from './toolsCommand.js';
import { registerValidateCommand } from './validateCommand.js';

/** The `reglament` command line. */
export function buildProgram(): Command {
  const program = new Command('reglament')
    .description('Reglament — сроки нормативных документов в сфере образования: проверка, расчёт, напоминания и эскалация')
    .showHelpAfterError();
  registerValidateCommand(program);
  registerTimeCommands(program);
  registerPlanCommand(program);
  registerStartCommand(program);
  registerApplyCommand(program);
  registerMailCommand(program);
  registerAuditCommand(program);
  registerSeedCommand(program);
  registerSimulateCommand(program);
  registerImportCommand(program);
  registerConfirmCommand(program);
  registerWaiveCommand(program);
  registerToolsCommand(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
