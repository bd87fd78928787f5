import { formatPlace } from '../domain/place.js';
import type { BehaviourValueDetail, EmployeeResult, SatisfactionSummary, Target, TrainingItem } from '../engine/types.js';
import type { RunResult } from '../pipeline/types.js';
import { roundForReport } from './common.js';
import { legacyDocument } from './results-appraisal.js';

/**
 * One employee of hasil-<period>.json as text: byte for byte `JSON.stringify(employeeDocument(run, e))`
 * (results-json.ts; a test compares the two on every employee of the fixtures), written without
 * building the document. The parts that many employees share — behaviour value ratings,
 * satisfaction summaries, targets (one object each, shared since the engine made them) — are
 * stringified once and their text reused, and repeated texts (units, positions, labels, training
 * reasons) are quoted once.
 *
 * Keep the key order and null/absent handling in step with employeeDocument: keys are written in
 * the order that function builds them, and every value is one JSON.stringify would write.
 */
export class EmployeeLineWriter {
  private readonly shared = new WeakMap<object, string>();
  private readonly quoted = new Map<string, string>();

  constructor(private readonly run: RunResult) {}

  line(e: EmployeeResult): string {
    const emp = e.employee;
    const s = e.satisfaction;
    let out = `{"nip":${JSON.stringify(emp.nip)},"name":${JSON.stringify(emp.name)},"unit":${this.q(emp.unit)},"position":${this.q(emp.position)},"status":${this.q(e.status)}`;
    out += `,"pendingReasons":${e.pendingReasons.length === 0 ? '[]' : JSON.stringify(e.pendingReasons)}`;
    out += `,"aspects":${this.aspects(e)},"aspectDetails":[`;
    for (let i = 0; i < e.aspects.length; i++) {
      const a = e.aspects[i]!;
      out += `${i === 0 ? '' : ','}{"key":${this.q(a.key)},"label":${this.q(a.label)},"weight":${num(roundForReport(a.weight, 6))},"score":${num(roundForReport(a.score))},"source":${this.q(a.source)},"indicatorCount":${num(a.indicatorCount)},"note":${this.qn(a.note)}}`;
    }
    out += `],"workScore":${num(roundForReport(e.workScore))},"workRating":{"suggested":${this.qn(e.workRating.suggested)},"final":${this.qn(e.workRating.final)}}`;
    out += `,"behaviourRating":${this.qn(e.behaviourRating)},"predikat":${this.qn(e.predikat)},"satisfaction":${s === null ? 'null' : this.satisfaction(s)}`;
    out += `,"training":${e.training === null ? 'null' : this.training(e.training)},"indicators":[`;
    const indicators = e.indicators;
    for (let i = 0; i < indicators.length; i++) {
      const r = indicators[i]!;
      const ind = r.indicator;
      out += `${i === 0 ? '' : ','}{"code":${this.q(ind.code)},"aspect":${this.q(ind.aspect)},"kind":${this.q(ind.kind)},"target":${this.target(ind.target)},"actual":${num(ind.actual)},"capaian":${num(roundForReport(r.capaian))},"status":${this.q(r.status)}}`;
    }
    out += `],"workRatingSource":${this.qn(e.workRatingSource ?? null)},"behaviour":${this.behaviour(e)}`;
    out += `,"unitLeader":${e.unitLeader ?? false},"legacy":${JSON.stringify(legacyDocument(e))}}`;
    return out;
  }

  /** A text that repeats across employees, quoted once. */
  private q(text: string): string {
    let json = this.quoted.get(text);
    if (json === undefined) {
      json = JSON.stringify(text);
      // Bounded: names and NIPs are not quoted through here, but a pathological roster should not grow it without end.
      if (this.quoted.size < 10_000) this.quoted.set(text, json);
    }
    return json;
  }

  private qn(text: string | null): string {
    return text === null ? 'null' : this.q(text);
  }

  /** As results-json's aspectsMap: configured order first, then any other aspect (rare: left to JSON.stringify). */
  private aspects(e: EmployeeResult): string {
    const configured = this.run.config.aspects;
    if (e.aspects.length !== configured.length || e.aspects.some((a, i) => a.key !== configured[i]!.key) || configured.some((a) => isIndexKey(a.key))) {
      const byKey = new Map(e.aspects.map((a) => [a.key, a]));
      const out: Record<string, number | null> = {};
      for (const a of configured) out[a.key] = roundForReport(byKey.get(a.key)?.score ?? null);
      for (const a of e.aspects) if (!(a.key in out)) out[a.key] = roundForReport(a.score);
      return JSON.stringify(out);
    }
    let out = '{';
    for (let i = 0; i < e.aspects.length; i++) out += `${i === 0 ? '' : ','}${this.q(e.aspects[i]!.key)}:${num(roundForReport(e.aspects[i]!.score))}`;
    return out + '}';
  }

  private satisfaction(s: SatisfactionSummary): string {
    return this.once(s, () => JSON.stringify({ ikm: roundForReport(s.ikm), mutu: s.mutu, respondents: s.respondents, basis: s.basis }));
  }

  /** As trainingItemDocument: the items are each employee's own, their texts mostly shared. */
  private training(items: readonly TrainingItem[]): string {
    let out = '[';
    for (let i = 0; i < items.length; i++) {
      const t = items[i]!;
      const gap = typeof t.gap === 'number' ? num(roundForReport(t.gap)) : this.q(t.gap);
      out += `${i === 0 ? '' : ','}{"code":${this.q(t.code)},"reason":${this.q(t.reason)},"program":${this.q(t.program)},"kind":${this.q(t.kind)},"sasaran":${this.q(t.sasaran)},"gap":${gap},"priority":${num(t.priority)},"also":${t.also.length === 0 ? '[]' : JSON.stringify(t.also)}}`;
    }
    return out + ']';
  }

  private target(t: Target): string {
    return this.once(t, () => JSON.stringify(t.kind === 'value' ? t.value : { low: t.low, high: t.high }));
  }

  private behaviour(e: EmployeeResult): string {
    const b = e.behaviour ?? null;
    if (b === null) return 'null';
    let out = `{"overall":${this.q(b.overall)},"fromPeriod":${this.qn(b.fromPeriod)},"values":${this.values(b.values)},"raters":[`;
    for (let i = 0; i < b.raters.length; i++) {
      const r = b.raters[i]!;
      out += `${i === 0 ? '' : ','}{"raterNip":${r.raterNip === null ? 'null' : JSON.stringify(r.raterNip)},"role":${this.q(r.role)},"share":${num(roundForReport(r.share, 6))},"place":${JSON.stringify(formatPlace(r.place))}}`;
    }
    return out + ']}';
  }

  /** Each employee has its own list of the few value ratings the engine shares (engine/behaviour.ts). */
  private values(values: readonly BehaviourValueDetail[]): string {
    let out = '[';
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      out += (i === 0 ? '' : ',') + this.once(v, () => JSON.stringify({ key: v.key, mean: roundForReport(v.mean, 4), rating: v.rating }));
    }
    return out + ']';
  }

  /**
   * The text of a part employees share, made once per object: a writer lives for one file, and
   * nothing changes the results while their outputs are written.
   */
  private once(part: object, text: () => string): string {
    let json = this.shared.get(part);
    if (json === undefined) this.shared.set(part, (json = text()));
    return json;
  }
}

/** A number as JSON writes it (null for null; roundForReport has already refused non-finite ones). */
function num(x: number | null): string {
  return x === null ? 'null' : JSON.stringify(x);
}

/** Keys that JavaScript objects order before the others (array indices): left to JSON.stringify. */
function isIndexKey(key: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(key);
}
