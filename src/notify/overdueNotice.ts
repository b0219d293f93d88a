import { DateTime } from 'luxon';
import type { OpenCase } from '../checks/event/eventCheck.js';
import type { CompiledRule, LegalSource, RoleRef } from '../regulation/model.js';
import { formatRu } from '../time/isoDate.js';
import type { OutgoingMail } from './mailer.js';

/** What a notice is about: the regulation and rule, and the escalation step being taken. */
export interface NoticeContext {
  regulation: { id: string; title: string; source: LegalSource; timezone: string; versionHash: string };
  rule: CompiledRule;
  step: number;
  /** Repeat of the ladder's last step (0 or absent: the step itself); a repeat says so in the subject. */
  repeat?: number;
  role: RoleRef;
  recipient: { email: string; fullName: string };
  /** Open cases this recipient is told about (all of one organisation for organisation roles). */
  cases: OpenCase[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// A digest lists hundreds of cases sharing a handful of last days: each is worded once.
const deadlines = new Map<string, string>();

/** The end of a last day, as Russian readers expect it: "03.05.2024 24:00 (Asia/Yekaterinburg, UTC+5)". */
export function ruDeadline(lastDay: string, zone: string): string {
  const key = `${lastDay}/${zone}`;
  let text = deadlines.get(key);
  if (text === undefined) {
    const offset = DateTime.fromISO(lastDay, { zone }).toFormat('ZZ').replace(/^\+0?/, '+').replace(/:00$/, '');
    text = `${formatRu(lastDay)} 24:00 (${zone}, UTC${offset})`;
    if (deadlines.size > 10_000) deadlines.clear();
    deadlines.set(key, text);
  }
  return text;
}

/** "Приказ департамента … от 01.03.2018 № 216, приложение 1, п. 1.4.3". */
export function ruCitation(source: LegalSource, clause: string): string {
  const parts = [`${source.act} (${source.issuer})${source.date ? ` от ${formatRu(source.date)}` : ''}${source.number ? ` № ${source.number}` : ''}`];
  // A clause that names its own appendix ("приложение 2, строка 3") replaces the document's default one.
  if (/^прил/i.test(clause)) parts.push(clause);
  else {
    if (source.appendix) parts.push(source.appendix.toLowerCase());
    parts.push(/^(п\.|пункт|слайд|раздел|таблица|этап|строка)/i.test(clause) ? clause : `п. ${clause}`);
  }
  return parts.join(', ');
}

/**
 * Renders the Russian notice of unmet event-relative deadlines for one recipient. Organisation-level
 * roles get each case with the person concerned (their own organisation's records); municipal and
 * regional roles get counts per organisation only, so personal data never leaves the organisation.
 */
export function renderOverdueNotice(ctx: NoticeContext): OutgoingMail {
  const { rule, regulation, role } = ctx;
  const detailed = role.scope === 'organisation';
  const citation = ruCitation(regulation.source, rule.citation.clause);
  const next = rule.escalation.steps[ctx.step + 1];
  const orgs = groupBy(ctx.cases, (c) => c.organisation_id);
  const again = ctx.repeat ? ` (повторно, ${ctx.repeat + 1}-й раз)` : '';
  const subject = detailed
    ? `Срок истёк${again} (${ctx.cases.length}): ${rule.title} — ${ctx.cases[0]!.organisation_name}`
    : `Эскалация${again} (${ctx.cases.length} в ${orgs.size} организациях): ${rule.title}`;

  const lines: string[] = [
    `Здравствуйте, ${ctx.recipient.fullName}!`,
    '',
    detailed
      ? `Истёк срок по правилу «${rule.title}».`
      : `Вы получаете это письмо как ответственный (${role.title}): организации не выполнили в срок обязанность «${rule.title}».`,
    `Основание: ${citation}.`,
    `«${rule.citation.text}»`,
    '',
  ];
  const htmlParts: string[] = [
    `<p>Здравствуйте, ${esc(ctx.recipient.fullName)}!</p>`,
    `<p>${detailed ? `Истёк срок по правилу «${esc(rule.title)}».` : `Вы получаете это письмо как ответственный (${esc(role.title)}): организации не выполнили в срок обязанность «${esc(rule.title)}».`}</p>`,
    `<p>Основание: ${esc(citation)}.<br><i>«${esc(rule.citation.text)}»</i></p>`,
  ];

  if (detailed) {
    lines.push(`Организация: ${ctx.cases[0]!.organisation_name}`, 'Не исполнено в срок:', '');
    htmlParts.push(`<p>Организация: <b>${esc(ctx.cases[0]!.organisation_name)}</b></p>`, '<table border="1" cellpadding="4" cellspacing="0"><tr><th>№</th><th>Основание</th><th>Кого касается</th><th>Срок</th><th>Не хватает</th></tr>');
    ctx.cases.forEach((c, i) => {
      const missing = c.missing.join(', ');
      const deadline = ruDeadline(c.last_day, regulation.timezone);
      lines.push(`${i + 1}. ${c.subject_label}${c.person_name ? ` — ${c.person_name}` : ''}`, `   Срок: до ${deadline}`);
      if (missing) lines.push(`   Не хватает: ${missing}`);
      htmlParts.push(`<tr><td>${i + 1}</td><td>${esc(c.subject_label)}</td><td>${esc(c.person_name ?? '')}</td><td>${esc(deadline)}</td><td>${esc(missing)}</td></tr>`);
    });
    htmlParts.push('</table>');
  } else {
    lines.push('Организации, не исполнившие обязанность в срок (число случаев; самый ранний срок):', '');
    htmlParts.push('<table border="1" cellpadding="4" cellspacing="0"><tr><th>Организация</th><th>Случаев</th><th>Самый ранний срок</th></tr>');
    for (const cases of orgs.values()) {
      const earliest = cases.map((c) => c.last_day).sort()[0]!;
      lines.push(`— ${cases[0]!.organisation_name}: ${cases.length}; срок истёк ${ruDeadline(earliest, regulation.timezone)}`);
      htmlParts.push(`<tr><td>${esc(cases[0]!.organisation_name)}</td><td>${cases.length}</td><td>${esc(ruDeadline(earliest, regulation.timezone))}</td></tr>`);
    }
    htmlParts.push('</table>');
  }
  const nextLine = next
    ? `Если обязанность не будет исполнена, через ${next.afterText} после срока уведомление получит: ${next.role.title}.`
    : 'Это последняя ступень эскалации по данному правилу.';
  const more = `Подробнее: reglament audit --rule ${rule.id}${detailed ? ` --org ${ctx.cases[0]!.organisation_id}` : ''}`;
  lines.push('', nextLine, more, '', '—', 'Reglament: письмо сформировано автоматически, отвечать на него не нужно.');
  htmlParts.push(`<p>${esc(nextLine)}</p><p>${esc(more)}</p><p style="color:#777">Reglament: письмо сформировано автоматически, отвечать на него не нужно.</p>`);

  return {
    to: ctx.recipient.email,
    subject,
    text: lines.join('\n'),
    html: `<!doctype html><html lang="ru"><body>${htmlParts.join('\n')}</body></html>`,
    headers: {
      'X-Reglament-Regulation': regulation.id,
      'X-Reglament-Rule': rule.id,
      'X-Reglament-Step': String(ctx.step),
      'X-Reglament-Version': regulation.versionHash.slice(0, 12),
    },
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const group = m.get(k);
    if (group) group.push(it);
    else m.set(k, [it]);
  }
  return m;
}
