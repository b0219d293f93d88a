import type { CheckDefinition } from '../checkDefinition.js';

/**
 * Steps of the procedures run in the module «Организация дополнительного профессионального
 * образования» (Челябинск, приказ № 047371, раздел IV), in Russian.
 */
export const PROFDEV_STEPS: Record<string, string> = {
  research_applications: 'поданы заявки на участие в исследовании потребностей в профессиональном развитии',
  research_approval: 'заявки на участие в исследовании согласованы',
  research_questionnaire: 'анкеты исследования заполнены',
  programme_registry: 'реестр дополнительных профессиональных программ актуализирован',
  assessment_applications: 'поданы заявки на участие в оценке профессиональных компетенций',
  assessment_approval: 'заявки на участие в оценке профессиональных компетенций согласованы',
  assessment_diagnostic: 'диагностическая работа в рамках оценки профессиональных компетенций выполнена',
  reserve_diagnostics: 'диагностика участников кадрового резерва руководителей проведена',
  iom_recommended: 'сформированы рекомендуемые индивидуальные образовательные маршруты',
  iom_formal_route: 'формальные маршруты согласованы',
  iom_potential_listeners: 'сформирован состав потенциальных слушателей по учреждениям ДПО',
};

/** Checks of the professional-development module. */
export const PROFDEV_CHECKS: CheckDefinition[] = [
  {
    // Judged on the module's records for the window that ends at the deadline: for the
    // organisation's staff (applications, questionnaires, diagnostics, routes), for the operator's
    // approvals (no application left pending), for a ДПО institution (its programmes updated within
    // the window, its listener lists).
    name: 'profdev_step_completed',
    title: 'Этап работы в модуле «Организация дополнительного профессионального образования» выполнен',
    events: [],
    params: { type: 'object', additionalProperties: false, required: ['step'], properties: { step: { enum: Object.keys(PROFDEV_STEPS) } } },
  },
];
