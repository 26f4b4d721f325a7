import { guessKind, type SourceKindGuess } from "./extraction.kind.ts";
import { PRONOUNS, ROLE_WORDS } from "./extraction.lexicon.ts";
import type { ExtractedClaim } from "./extraction.proposal.ts";
import type { Sentence } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Who a claimant span refers to: its name, role and kind, with pronouns and
// short names pointing back to people named earlier in the text.

/** Splits "US Trade Representative Greer" or "Valdoria's finance minister, Pieter Kranz" into name and role. */
function nameAndRole(claimant: string): { name: string; role: string | null } {
  const parts = claimant
    .split(/,\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length >= 2) {
    const [a, b] = parts as [string, string];
    // "The study's lead author, Dr. Jonas Brandt": a title before the name is no role of its own.
    if (ROLE_WORDS.test(a) && !ROLE_WORDS.test(b.replace(/^(dr|mr|mrs|ms|prof)\.?\s+/i, "")) && /^[A-Z]/.test(b))
      return { name: b, role: a.replace(/^(the|its|his|her|their)\s+/i, "").replace(/^[\w ]+'s\s+/, "") };
    if (/^[A-Z]/.test(a) && !/^(The|A|An)\b/.test(a) && (ROLE_WORDS.test(b) || /^(a|an|the)\s/i.test(b)))
      return { name: a, role: b.replace(/^(a|an|the)\s+/i, "") };
    return { name: a, role: null };
  }
  const words = claimant.split(/\s+/);
  // "US State Department officials": a body named by the people who speak for it.
  if (words.length > 1 && ROLE_WORDS.test(words.at(-1)!) && /^[A-Z]/.test(words.at(-2)!) && !/^(the|a|an|this|that|its|his|her|their)$/i.test(words.at(-2)!))
    return { name: words.slice(0, -1).join(" "), role: words.at(-1)! };
  let cut = 0;
  for (let k = 0; k < words.length - 1; k++) if (ROLE_WORDS.test(words[k]!)) cut = k + 1;
  if (cut > 0 && /^[A-Z]/.test(words[cut] ?? "")) return { name: words.slice(cut).join(" "), role: words.slice(0, cut).join(" ") };
  return { name: claimant, role: null };
}

const UNNAMED =
  /^(several|many|some|two|three|four|five|a number of|most|other|local|independent|government|industry|market|business|opposition|party|people|witnesses|residents|officials|sources|diplomats|analysts|economists|experts|critics|supporters|aides|observers|media)\b/i;

type Person = { name: string; kind: SourceKindGuess; at: number };

/** People named with a title anywhere in the text ("Defense Secretary Pete Hegseth"), for pronouns to point back to. */
export function mentions(sentences: Sentence[]): Person[] {
  const found: Person[] = [];
  for (const { tokens: t } of sentences) {
    for (let k = 0; k < t.length; k++) {
      work.steps++;
      if (!ROLE_WORDS.test(t[k]!.value) || t[k + 1]?.pos !== "PROPN" || ROLE_WORDS.test(t[k + 1]!.value)) continue;
      let end = k + 1;
      while (t[end]?.pos === "PROPN" && !ROLE_WORDS.test(t[end]!.value)) end++, work.steps++;
      found.push({
        name: t
          .slice(k + 1, end)
          .map((x) => x.value)
          .join(" "),
        kind: "PERSON",
        at: t[k + 1]!.start,
      });
      k = end - 1;
    }
  }
  return found;
}

/**
 * The people named so far, in the order they were named, indexed for the two
 * questions a claimant asks: who is the latest person (or body) named before
 * this point, and who is the first person named before it whose name holds
 * this word. Both cost O(log n), so a text full of pronouns stays linear.
 */
export class People {
  /** Per kind (persons, others): a Fenwick tree of the greatest position named below each point. */
  private readonly latest = { person: new Int32Array(0), other: new Int32Array(0) };
  /** Per kind: the first entry named at each position. */
  private readonly firstAt = { person: new Map<number, Person>(), other: new Map<number, Person>() };
  /** Persons whose name has several words, by each word: the entries in order, and the lowest position among the first i. */
  private readonly byWord = new Map<string, { entries: Person[]; lowest: number[] }>();

  constructor(private readonly size: number) {
    this.latest.person = new Int32Array(size + 1).fill(-1);
    this.latest.other = new Int32Array(size + 1).fill(-1);
    work.steps += size;
  }

  add(person: Person) {
    const group = person.kind === "PERSON" ? "person" : "other";
    if (!this.firstAt[group].has(person.at)) this.firstAt[group].set(person.at, person);
    const tree = this.latest[group];
    for (let i = person.at + 1; i <= this.size; i += i & -i) {
      work.steps++;
      if (tree[i]! < person.at) tree[i] = person.at;
    }
    if (person.kind !== "PERSON") return;
    const words = person.name.split(/\s+/);
    work.steps += person.name.length;
    if (words.length < 2) return;
    for (const word of new Set(words)) {
      const list = this.byWord.get(word) ?? { entries: [], lowest: [] };
      list.lowest.push(Math.min(list.lowest.at(-1) ?? Infinity, person.at));
      list.entries.push(person);
      this.byWord.set(word, list);
    }
  }

  /** The person (or, with `person` false, the body) named last before `at`; the first named there on a tie. */
  latestBefore(at: number, person: boolean): Person | undefined {
    const group = person ? "person" : "other";
    const tree = this.latest[group];
    let best = -1;
    for (let i = Math.min(at, this.size); i > 0; i -= i & -i) {
      work.steps++;
      if (tree[i]! > best) best = tree[i]!;
    }
    return best < 0 ? undefined : this.firstAt[group].get(best);
  }

  /** The first person named before `at` with several words to the name, one of them `word`. */
  firstWithWord(word: string, at: number): Person | undefined {
    const list = this.byWord.get(word);
    if (!list) return undefined;
    // `lowest` only falls: search for the first entry named before `at`.
    let lo = 0;
    let hi = list.lowest.length;
    while (lo < hi) {
      work.steps++;
      const mid = (lo + hi) >> 1;
      if (list.lowest[mid]! < at) hi = mid;
      else lo = mid + 1;
    }
    return list.entries[lo];
  }
}

/** Fills name, role and kind; pronouns and short names point back to people named earlier. `written` replaces the span's text (a transcript's "MS. OYELARAN" is "Oyelaran"). */
export function resolveClaimant(claim: ExtractedClaim, people: People, written?: string) {
  const span = claim.spans.claimant ? { ...claim.spans.claimant, text: written ?? claim.spans.claimant.text } : null;
  if (!span) {
    claim.claimantName = null;
    claim.claimantKind = "PERSON";
    return;
  }
  const lower = span.text.toLowerCase();
  const pronoun = PRONOUNS[lower];
  if (pronoun) {
    const wanted = pronoun === "person" ? "PERSON" : null;
    const antecedent = people.latestBefore(span.start, wanted === "PERSON");
    claim.claimantName = antecedent?.name ?? null;
    claim.claimantKind = antecedent?.kind ?? (pronoun === "person" ? "PERSON" : "ORGANIZATION");
    claim.confidence = Math.round((claim.confidence - 0.1) * 100) / 100;
    return;
  }
  if (UNNAMED.test(span.text) && !/^[A-Z][a-z]+ [A-Z]/.test(span.text.replace(/^(Several|Many|Some|Two|Three)\s+/, "x "))) {
    claim.claimantName = null;
    claim.claimantKind = guessKind(span.text) === "PERSON" ? "ORGANIZATION" : guessKind(span.text);
    return;
  }
  work.steps += 8 * span.text.length;
  // Not from inside a run of spaces: from there each start would rescan the run.
  const { name, role } = nameAndRole(span.text.replace(/(?<![\s,]),?\s+(who|which|whose)\b.*$/s, ""));
  const clean = name.replace(/^(the|its|his|her|their)\s+/i, (m) => (/^the\s/i.test(m) && guessKind(name) !== "PERSON" ? "" : m));
  const kind = guessKind(clean) === "PERSON" ? guessKind(name) : guessKind(clean);
  // A short name ("Greer") is the person named in full before it ("Jamieson Greer").
  const earlier = kind === "PERSON" && !/\s/.test(clean) ? people.firstWithWord(clean, span.start) : undefined;
  claim.claimantName = earlier?.name ?? clean;
  claim.claimantRole = role;
  claim.claimantKind = kind;
  people.add({ name: claim.claimantName, kind, at: span.start });
}
