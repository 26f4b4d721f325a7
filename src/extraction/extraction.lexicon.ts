// Word lists for the attribution rules. Written for claimgraph; extend them
// with care: every entry changes what the extractor proposes.

/** Lemmas of verbs that attribute speech, writing or belief to someone. */
export const CUE_LEMMAS = new Set([
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
  "estimate",
  "predict",
  "promise",
  "reply",
  "respond",
  "question",
  "doubt",
  "dismiss",
  "urge",
  "caution",
  "call",
  "believe",
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
  "agree",
  "disclose",
  "describe",
  "expect",
  "fear",
  "hope",
  "think",
  "signal",
  "indicate",
  "blame",
  "criticize",
  "criticise",
  "praise",
  "protest",
  "condemn",
  "demand",
  "charge",
]);

/** Cues that need a particle: "pointed out", "went on". */
export const PHRASAL_CUES: Record<string, string> = { point: "out" };

/** Lemmas that attribute only when followed by a that-clause or a quote, not as plain verbs ("hope", "call"). */
export const CLAUSE_ONLY_LEMMAS = new Set([
  "think",
  "hope",
  "fear",
  "expect",
  "agree",
  "signal",
  "indicate",
  "mention",
  "recall",
  "repeat",
  "threaten",
  "charge",
  "demand",
]);

/** Cues whose object is the content rather than a that-clause: "accused X of Y", "urged X to Y", "called X 'Y'". */
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
]);

/** Subjects that are not sources, although a cue follows them ("History indicates that …"). */
export const NOT_SOURCES = /^(history|data|evidence|experience|analysis|research|figures|the (?:move|report|decision|plan|study|data|figures|numbers))$/i;

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
export const ORGANIZATION_WORDS =
  /\b(company|firm|union|association|group|club|chain|bank|university|institute|forum|chamber|corporation|inc|ltd|motors|storage|party|league|researchers|analysts|economists|insurers|agents)\b/i;
export const MEDIA_WORDS =
  /\b(newspaper|gazette|tribune|times|post|herald|monitor|sentinel|ledger|echo|courier|wire|news|journal|radio|television|tv|channel|programme|program|podcast|outlets?)\b/i;

/** Titles and roles that precede or follow a name ("US Trade Representative Greer"). */
export const ROLE_WORDS =
  /\b(president|prime minister|minister|secretary|senator|governor|mayor|representative|spokes(?:man|woman|person)|chief|executive|director|head|leader|chairman|chairwoman|chair|ambassador|general|inspector|coach|striker|analyst|professor|dr\.?|author|clerk|member|treasurer|candidate|consultant|engineer|economist|official|aide|adviser|advisor|commissioner|deputy|king|queen|pope|judge|editor|founder|ceo|entrepreneur|magnate|tycoon|billionaire|owner|nurse|secretary-general|officials|spokespeople|aides)\b/i;

/** Pronouns that point back to an earlier claimant. */
export const PRONOUNS: Record<string, "person" | "group" | "thing"> = { he: "person", she: "person", they: "group", it: "thing", we: "group", i: "person" };

/** Prepositions that open a channel or date phrase after a cue ("in an interview", "on Tuesday"), and end a claimant after one. */
export const PREPOSITIONS = new Set(["in", "on", "at", "during", "via", "through", "to", "after", "before", "over"]);
