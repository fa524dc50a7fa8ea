/**
 * A deterministic synthetic workload: Zipf-distributed vocabulary in Latin and Cyrillic,
 * realistic message lengths, Zipf-sized conversations, and two marker words, one in about
 * a third of all messages and one rare.
 */
export const COMMON_WORD = 'заказ';
export const RARE_WORD = 'zanzibar';
const COMMON_SHARE = 1 / 3;
const RARE_SHARE = 1 / 20_000;

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATIN = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ro',
  'ta',
  'vi',
  'su',
  'de',
  'pa',
  'an',
  'or',
  'ti',
  'bu',
  'ce',
  'ly',
];
const CYRILLIC = [
  'ка',
  'ло',
  'ми',
  'не',
  'ро',
  'та',
  'ви',
  'су',
  'де',
  'па',
  'ан',
  'ор',
  'ти',
  'бу',
  'це',
  'ль',
];

function makeVocabulary(size: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const syllables = random() < 0.5 ? LATIN : CYRILLIC;
    const length = 1 + Math.floor(random() * 4);
    let word = '';
    for (let i = 0; i < length; i++) word += syllables[Math.floor(random() * syllables.length)];
    if (word !== COMMON_WORD && word !== RARE_WORD) words.add(word);
  }
  return [...words];
}

/** Inverse-CDF sampling of a Zipf(s≈1) rank. */
function zipfSampler(n: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1);
  for (let i = 0; i < n; i++) cdf[i]! /= sum;
  return () => {
    const u = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface GeneratedMessage {
  conversation: number;
  providerId: string;
  direction: 'in' | 'out';
  text: string;
  time: number;
}

export function createCorpus(seed: number, conversations: number) {
  const random = rng(seed);
  const vocabulary = makeVocabulary(20_000, random);
  const word = zipfSampler(vocabulary.length, random);
  const chat = zipfSampler(conversations, random);
  const length = () => {
    // Chat traffic: mostly a few words ("ok", "thanks, tomorrow at 5"), some sentences,
    // a tail of long explanations and addresses. Mean ≈ 9 words, ≈ 55 characters.
    const r = random();
    if (r < 0.6) return 1 + Math.floor(random() * 5);
    if (r < 0.93) return 6 + Math.floor(random() * 15);
    return 21 + Math.floor(random() * 40);
  };
  return {
    message(index: number, time: number): GeneratedMessage {
      const words: string[] = [];
      const n = length();
      for (let i = 0; i < n; i++) words.push(vocabulary[word()]!);
      if (random() < COMMON_SHARE)
        words.splice(Math.floor(random() * words.length), 0, COMMON_WORD);
      if (random() < RARE_SHARE) words.push(RARE_WORD);
      const text = words.join(' ');
      return {
        // Busy chats are busy: conversation sizes follow Zipf, with every chat used at least once.
        conversation: index < conversations ? index : chat(),
        providerId: `wamid.${seed}.${index}`,
        direction: random() < 0.45 ? 'out' : 'in',
        text: text.charAt(0).toUpperCase() + text.slice(1),
        time,
      };
    },
  };
}
