// Word lists for the attribution rules. Written for claimgraph; extend them
// with care: every entry changes what the extractor proposes.

/** What a cue says about its claimant's relation to the content (issue #18): a statement, a thought or stance, or what a document or data shows. */
export type CueKind = "SPEECH" | "THOUGHT_OR_STANCE" | "EVIDENCE";

const SPEECH_LEMMAS = [
  "say",
  "tell",
  "state",
  "add",
  "announce",
  "accuse",
  "claim",
  "deny",
  "post",
  "write",
  "tweet",
  "report",
  "warn",
  "insist",
  "confirm",
  "explain",
  "complain",
  "acknowledge",
  "admit",
  "argue",
  "note",
  "stress",
  "emphasize",
  "emphasise",
  "predict",
  "promise",
  "reply",
  "respond",
  "question",
  "dismiss",
  "urge",
  "caution",
  "call",
  "reveal",
  "suggest",
  "allege",
  "assert",
  "declare",
  "contend",
  "maintain",
  "mention",
  "observe",
  "recall",
  "remark",
  "repeat",
  "testify",
  "vow",
  "pledge",
  "threaten",
  "concede",
  "disclose",
  "describe",
  "signal",
  "blame",
  "criticize",
  "criticise",
  "praise",
  "protest",
  "condemn",
  "demand",
  "charge",
  // Issue #18: speech verbs the first lexicon lacked.
  "ask",
  "cite",
  "echo",
  "comment",
  "joke",
  "quip",
  "tout",
  "blast",
  "slam",
  "hail",
  "invoke",
  "advise",
  "brag",
  "boast",
  "reiterate",
  "reaffirm",
  "assure",
  "reassure",
  "recount",
  "hint",
  "lament",
  "retort",
  "scoff",
  "counter",
  "remind",
  "inform",
  "underline",
  "highlight",
  "plead",
  "recommend",
  "concur",
  "speculate",
  "emerge",
];

const STANCE_LEMMAS = [
  "believe",
  "think",
  "expect",
  "hope",
  "fear",
  "estimate",
  "agree",
  "doubt",
  // Issue #18: stances, intentions and plans.
  "want",
  "wish",
  "seek",
  "plan",
  "intend",
  "aim",
  "back",
  "support",
  "oppose",
  "favour",
  "favor",
  "endorse",
  "reject",
  "propose",
  "refuse",
  "welcome",
  "defend",
  "consider",
  "suspect",
  "understand",
  "accept",
  "forecast",
  "appear",
  "seem",
  "look",
];

const EVIDENCE_LEMMAS = ["show", "find", "indicate", "conclude", "put", "demonstrate"];

/** Each cue lemma's kind; `suggest`, `reveal` and `confirm` are speech from a person and evidence from a document (cueKindOf). */
export const CUE_KINDS: ReadonlyMap<string, CueKind> = new Map([
  ...SPEECH_LEMMAS.map((l) => [l, "SPEECH"] as const),
  ...STANCE_LEMMAS.map((l) => [l, "THOUGHT_OR_STANCE"] as const),
  ...EVIDENCE_LEMMAS.map((l) => [l, "EVIDENCE"] as const),
]);

/** Lemmas of verbs that attribute speech, writing, a thought or stance, or a finding to someone or something. */
export const CUE_LEMMAS: ReadonlySet<string> = new Set(CUE_KINDS.keys());

/** Cues that need a particle: "pointed out", "called for", "referred to". The particle's cue is the whole phrase. */
export const PHRASAL_CUES: Record<string, string[]> = {
  point: ["out", "to"],
  call: ["for", "on"],
  refer: ["to"],
  brush: ["aside", "off"],
  rule: ["out"],
  speak: ["of", "out"],
  warn: ["of"],
};

/** The kinds of phrasal cues whose verb alone is no cue or has another kind. */
export const PHRASAL_KINDS: Record<string, CueKind> = {
  "point out": "SPEECH",
  "point to": "SPEECH",
  "call for": "SPEECH",
  "call on": "SPEECH",
  "refer to": "SPEECH",
  "brush aside": "SPEECH",
  "brush off": "SPEECH",
  "rule out": "THOUGHT_OR_STANCE",
  "speak of": "SPEECH",
  "speak out": "SPEECH",
  "warn of": "SPEECH",
};

/** "declined to say whether", "refused to comment on": the whole phrase is a speech cue. */
export const DECLINE_VERBS = new Set(["decline", "refuse"]);
export const DECLINED_SPEECH = new Set(["say", "comment", "confirm", "disclose", "elaborate", "answer", "reveal", "name"]);

/** Adjectives that make "is eager to", "are hopeful that", "seems convinced that" a stance. */
export const STANCE_ADJECTIVES = new Set([
  "eager",
  "keen",
  "determined",
  "confident",
  "convinced",
  "certain",
  "sure",
  "unsure",
  "uncertain",
  "worried",
  "concerned",
  "anxious",
  "afraid",
  "fearful",
  "reluctant",
  "unwilling",
  "unhappy",
  "happy",
  "pleased",
  "hopeful",
  "optimistic",
  "pessimistic",
  "sceptical",
  "skeptical",
  "adamant",
  "doubtful",
  "aware",
  "angry",
  "furious",
  "frustrated",
  "disappointed",
]);

/** Verbs that carry a stance adjective: "is eager", "seems convinced", "appears confident", "remains hopeful". */
export const COPULAS = new Set(["be", "seem", "appear", "look", "remain", "sound", "feel", "grow", "become"]);

/** Nouns that are cues when a source owns them and a that-clause, an infinitive or a complement follows: "the mayor's pledge to". */
export const NOMINAL_CUES: ReadonlyMap<string, CueKind> = new Map([
  ["claim", "SPEECH"],
  ["pledge", "SPEECH"],
  ["promise", "SPEECH"],
  ["warning", "SPEECH"],
  ["assurance", "SPEECH"],
  ["accusation", "SPEECH"],
  ["allegation", "SPEECH"],
  ["assertion", "SPEECH"],
  ["insistence", "SPEECH"],
  ["charge", "SPEECH"],
  ["demand", "SPEECH"],
  ["call", "SPEECH"],
  ["statement", "SPEECH"],
  ["announcement", "SPEECH"],
  ["admission", "SPEECH"],
  ["denial", "SPEECH"],
  ["suggestion", "SPEECH"],
  ["argument", "SPEECH"],
  ["threat", "SPEECH"],
  ["vow", "SPEECH"],
  ["prediction", "SPEECH"],
  ["proposal", "THOUGHT_OR_STANCE"],
  ["belief", "THOUGHT_OR_STANCE"],
  ["view", "THOUGHT_OR_STANCE"],
  ["fear", "THOUGHT_OR_STANCE"],
  ["hope", "THOUGHT_OR_STANCE"],
  ["concern", "THOUGHT_OR_STANCE"],
  ["estimate", "THOUGHT_OR_STANCE"],
  ["forecast", "THOUGHT_OR_STANCE"],
  ["assessment", "THOUGHT_OR_STANCE"],
  ["expectation", "THOUGHT_OR_STANCE"],
  ["conviction", "THOUGHT_OR_STANCE"],
  ["plan", "THOUGHT_OR_STANCE"],
  ["finding", "EVIDENCE"],
  ["conclusion", "EVIDENCE"],
]);

/** Nominal cues that take "of" or "for" before their content ("fears of a recession", "a demand for advice"); others take "that" or "to". */
export const NOMINAL_OF = new Set([
  "fear",
  "warning",
  "accusation",
  "allegation",
  "denial",
  "claim",
  "admission",
  "threat",
  "demand",
  "call",
  "hope",
  "expectation",
]);

/** Subjects whose "show", "find" or "put" is a finding without a that-clause: "polls show the race tightening". */
export const EVIDENCE_SUBJECTS =
  /\b(polls?|surveys?|stud(?:y|ies)|figures|data|records|statistics|numbers|images|photos|photographs|footage|analys[ie]s|audits?|research|tests|results|documents|census|review|inquiry|investigation|estimates|filings|accounts|minutes|transcripts?)\b/i;

/** Cues that take an object as their content when the subject is a source of evidence, and otherwise only a clause ("the inspection revealed a crack" is no attribution). */
export const EVIDENCE_OBJECT_CUES = new Set(["show", "find", "put", "indicate"]);

/** "according to the timetable": documents that set rules rather than report anything. */
export const NOT_ACCORDING =
  /^(?:the\s+|its\s+|their\s+|his\s+|her\s+|a\s+)?(?:[\w-]+\s+){0,2}?(plans?|schedules?|timetables?|rules?|contracts?|laws?|programmes?|programs?|agenda|script|tradition|custom|design|regulations|terms|treaty|charter|constitution|budget|forecast|instructions|guidelines|procedures?|protocol)\b/i;

/** Participles of "X is said to …", "X are believed to …": the source is left out, the whole clause is the content. */
export const RAISING_PARTICIPLES = new Set([
  "said",
  "believed",
  "thought",
  "reported",
  "understood",
  "expected",
  "alleged",
  "rumoured",
  "rumored",
  "known",
  "feared",
  "claimed",
  "estimated",
  "considered",
  "seen",
  "presumed",
  "supposed",
  "suspected",
]);

/** Verbs whose object is told, not the content, when a that-clause follows it: "reminded the jury that …". */
export const RECIPIENT_CUES = new Set([
  "tell",
  "remind",
  "assure",
  "reassure",
  "inform",
  "warn",
  "promise",
  "convince",
  "persuade",
  "notify",
  "advise",
  "caution",
  "urge",
  "ask",
]);

/** Lemmas that attribute only when a that-clause, a quote, an infinitive or a clause follows, not as plain verbs ("hope", "recall"). */
export const CLAUSE_ONLY_LEMMAS = new Set([
  "aim",
  "intend",
  "think",
  "hope",
  "agree",
  "signal",
  "indicate",
  "mention",
  "recall",
  "threaten",
  "charge",
  "suggest",
  "reveal",
  "conclude",
  "emerge",
  "understand",
  "accept",
  "suspect",
  "comment",
  "joke",
  "quip",
  "hint",
  "lament",
  "retort",
  "counter",
  "inform",
  "brag",
  "boast",
  "plead",
  "speculate",
  "concur",
  "look",
  "appear",
  "seem",
]);

/** Lemmas whose content may be an infinitive after "to": "plans to close", "agreed to vote", "wants to build". */
export const INFINITIVE_CUES = new Set([
  "want",
  "wish",
  "seek",
  "plan",
  "intend",
  "aim",
  "hope",
  "expect",
  "agree",
  "refuse",
  "propose",
  "promise",
  "pledge",
  "vow",
  "threaten",
  "decide",
  "offer",
]);

/** Cues whose object is the content rather than a that-clause: "accused X of Y", "urged X to Y", "called X 'Y'", "backs the plan". */
export const OBJECT_CUES = new Set([
  "accuse",
  "urge",
  "call",
  "blame",
  "criticize",
  "criticise",
  "praise",
  "dismiss",
  "question",
  "describe",
  "deny",
  "doubt",
  "report",
  "protest",
  "condemn",
  "announce",
  "demand",
  "expect",
  "ask",
  "cite",
  "echo",
  "tout",
  "blast",
  "slam",
  "hail",
  "invoke",
  "advise",
  "recount",
  "reiterate",
  "repeat",
  "recommend",
  "want",
  "wish",
  "seek",
  "back",
  "support",
  "oppose",
  "favour",
  "favor",
  "endorse",
  "reject",
  "propose",
  "welcome",
  "defend",
  "consider",
  "forecast",
  "estimate",
  "predict",
  "maintain",
  "confirm",
  "fear",
  "show",
  "find",
  "put",
  "point to",
  "call for",
  "call on",
  "refer to",
  "brush aside",
  "brush off",
  "rule out",
  "warn of",
  "speak of",
]);

/** Subjects that are not sources, although a cue follows them ("The move signals that …"); documents and data are sources of evidence (issue #18). */
export const NOT_SOURCES = /^(experience|the (?:move|decision|plan))$/i;

/** News agencies and outlets that are often cited; anything in the channel slot is accepted too. */
export const OUTLETS: Record<string, "NEWS_AGENCY" | "NEWS_OUTLET"> = {
  reuters: "NEWS_AGENCY",
  "associated press": "NEWS_AGENCY",
  ap: "NEWS_AGENCY",
  afp: "NEWS_AGENCY",
  "agence france-presse": "NEWS_AGENCY",
  xinhua: "NEWS_AGENCY",
  "xinhua news agency": "NEWS_AGENCY",
  tass: "NEWS_AGENCY",
  kyodo: "NEWS_AGENCY",
  yonhap: "NEWS_AGENCY",
  dpa: "NEWS_AGENCY",
  efe: "NEWS_AGENCY",
  anadolu: "NEWS_AGENCY",
  "voice of america": "NEWS_OUTLET",
  bloomberg: "NEWS_OUTLET",
  cnbc: "NEWS_OUTLET",
  cnn: "NEWS_OUTLET",
  bbc: "NEWS_OUTLET",
  "fox news": "NEWS_OUTLET",
  nbc: "NEWS_OUTLET",
  abc: "NEWS_OUTLET",
  cbs: "NEWS_OUTLET",
  npr: "NEWS_OUTLET",
  politico: "NEWS_OUTLET",
  axios: "NEWS_OUTLET",
  "the new york times": "NEWS_OUTLET",
  "the washington post": "NEWS_OUTLET",
  "the wall street journal": "NEWS_OUTLET",
  "financial times": "NEWS_OUTLET",
  "the guardian": "NEWS_OUTLET",
  "the economist": "NEWS_OUTLET",
  "al jazeera": "NEWS_OUTLET",
  "south china morning post": "NEWS_OUTLET",
  "global times": "NEWS_OUTLET",
  "people's daily": "NEWS_OUTLET",
  cctv: "NEWS_OUTLET",
};

export const PLATFORMS = new Set([
  "x",
  "twitter",
  "truth social",
  "facebook",
  "instagram",
  "telegram",
  "tiktok",
  "youtube",
  "weibo",
  "wechat",
  "threads",
  "bluesky",
  "linkedin",
  "truth",
]);

/** Words that make a noun phrase an institution rather than a person. */
export const GOVERNMENT_WORDS =
  /\b(ministry|government|department|council|agency|authority|office|parliament|senate|congress|commission|inspectorate|regulator|service|police|army|navy|embassy|state media|white house|kremlin|court|officials?)\b/i;
/** States and the capitals that stand for them as claimants ("the US accused China", "Beijing hopes"): bodies, not persons, so "he" never points to them. */
export const STATES =
  /^(?:the\s+)?(us|u\.s\.|usa|united states|america|uk|britain|united kingdom|eu|european union|nato|un|united nations|china|beijing|washington|russia|moscow|kremlin|france|paris|germany|berlin|japan|tokyo|india|new delhi|iran|tehran|israel|ukraine|kyiv|kiev|taiwan|taipei|brussels|london|canada|ottawa|mexico|brazil|turkey|ankara|north korea|pyongyang|south korea|seoul|pakistan|saudi arabia|riyadh|egypt|cairo)$/i;
export const ORGANIZATION_WORDS =
  /\b(company|firm|union|association|group|club|chain|bank|university|institute|forum|chamber|corporation|inc|ltd|motors|storage|party|league|researchers|analysts|economists|insurers|agents)\b/i;
export const MEDIA_WORDS =
  /\b(newspaper|gazette|tribune|times|post|herald|monitor|sentinel|ledger|echo|courier|wire|news|journal|radio|television|tv|channel|programme|program|podcast|outlets?)\b/i;

/** Titles and roles that precede or follow a name ("US Trade Representative Greer"). */
export const ROLE_WORDS =
  /\b(president|prime minister|minister|secretary|senator|governor|mayor|representative|spokes(?:man|woman|person)|chief|executive|director|head|leader|chairman|chairwoman|chair|ambassador|general|inspector|coach|striker|analyst|professor|dr\.?|author|clerk|member|treasurer|candidate|consultant|engineer|economist|official|aide|adviser|advisor|commissioner|deputy|king|queen|pope|judge|editor|founder|ceo|entrepreneur|magnate|tycoon|billionaire|owner|nurse|secretary-general|officials|spokespeople|aides)\b/i;

/** Words for people that are no titles: "the man", "a resident", "the victim's mother". */
export const PERSON_WORDS =
  /\b(man|woman|men|women|boy|girl|child|mother|father|wife|husband|son|daughter|brother|sister|parent|resident|neighbou?r|witness|victim|survivor|driver|worker|farmer|pilot|student|teacher|doctor|lawyer|attorney|prosecutor|defendant|suspect|voter|fan|player|manager|owner|founder|friend|colleague|person|people|someone|veteran|activist|protester|passenger|patient|customer|shopper|trader|investor|expert|scientist|researcher|historian|writer|journalist|reporter|host|speaker)s?\b/i;

/** Pronouns that point back to an earlier claimant. */
export const PRONOUNS: Record<string, "person" | "group" | "thing"> = { he: "person", she: "person", they: "group", it: "thing", we: "group", i: "person" };

/** Prepositions that open a channel or date phrase after a cue ("in an interview", "on Tuesday"), and end a claimant after one. */
export const PREPOSITIONS = new Set(["in", "on", "at", "during", "via", "through", "to", "after", "before", "over"]);
