import type { Command } from 'commander';
import { listCapturedMail } from '../infra/mailStore.js';
import { dataDir } from '../paths.js';
import { mailDirOf } from '../stack.js';

/** Registers `reglament mail list [--json]`: the messages the local SMTP capture holds. */
export function registerMailCommand(program: Command): void {
  const mail = program.command('mail').description('Письма, перехваченные локальным SMTP-сервером');
  mail
    .command('list')
    .description('Показать перехваченные письма')
    .option('--json', 'вывести JSON-массив объектов {to, subject, date, text, …}')
    .action((opts: { json?: boolean }) => {
      const messages = listCapturedMail(mailDirOf(dataDir()));
      if (opts.json) {
        process.stdout.write(JSON.stringify(messages.map(({ id, from, to, subject, date, text, messageId, headers, attachments }) => (
          { id, from, to, subject, date, text, messageId, headers, attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })) })), null, 2) + '\n');
        return;
      }
      if (messages.length === 0) process.stdout.write('Писем нет.\n');
      for (const m of messages) process.stdout.write(`${m.date}  ${m.to.join(', ')}  ${m.subject}\n`);
    });
}
