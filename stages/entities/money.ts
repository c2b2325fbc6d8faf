/**
 * MONEY mentions over the token stream: "$240-billion", "$140 billion", "US$5m", "£5m",
 * "€3.2bn", "10 million euros", "500 US dollars", "1,000 yuan".
 *
 * Canonical value: "<amount> <ISO code>" with the amount as a plain integer or decimal
 * ("$240-billion" -> "240000000000 USD"), so equal sums compare equal across spellings.
 */
import { Kind, type Token } from './tokenize.js';

const SYMBOLS = new Map<string, string>([
  ['$', 'USD'],
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['¥', 'JPY'],
  ['₽', 'RUB'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
]);

const CURRENCY_WORDS = new Map<string, string>([
  ['dollar', 'USD'], ['dollars', 'USD'], ['usd', 'USD'],
  ['euro', 'EUR'], ['euros', 'EUR'], ['eur', 'EUR'],
  ['pound', 'GBP'], ['pounds', 'GBP'], ['sterling', 'GBP'], ['gbp', 'GBP'],
  ['yuan', 'CNY'], ['renminbi', 'CNY'], ['rmb', 'CNY'], ['cny', 'CNY'],
  ['ruble', 'RUB'], ['rubles', 'RUB'], ['rouble', 'RUB'], ['roubles', 'RUB'], ['rub', 'RUB'],
  ['yen', 'JPY'], ['jpy', 'JPY'], ['rupee', 'INR'], ['rupees', 'INR'], ['inr', 'INR'],
  ['won', 'KRW'], ['franc', 'CHF'], ['francs', 'CHF'], ['chf', 'CHF'],
  ['dirham', 'AED'], ['dirhams', 'AED'], ['riyal', 'SAR'], ['riyals', 'SAR'],
  ['peso', 'MXN'], ['pesos', 'MXN'], ['lira', 'TRY'], ['liras', 'TRY'], ['hryvnia', 'UAH'], ['hryvnias', 'UAH'],
]);

/** "US dollars", "Hong Kong dollars" prefixes that qualify the currency word (same code here). */
const CURRENCY_QUALIFIERS = new Set(['us', 'u.s.', 'american', 'canadian', 'australian', 'hong', 'kong', 'singapore', 'new', 'taiwan']);
const QUALIFIED_CODE: Record<string, string> = { canadian: 'CAD', australian: 'AUD', singapore: 'SGD', taiwan: 'TWD', kong: 'HKD' };

const SCALES = new Map<string, number>([
  ['thousand', 1e3], ['k', 1e3],
  ['million', 1e6], ['m', 1e6], ['mn', 1e6], ['mln', 1e6],
  ['billion', 1e9], ['bn', 1e9], ['b', 1e9], ['bln', 1e9],
  ['trillion', 1e12], ['tn', 1e12], ['trn', 1e12],
]);

export interface MoneyMatch {
  start: number;
  end: number;
  /** Index of the last token of the match. */
  lastToken: number;
  canonical: string;
}

/** Split "5m" / "3.2bn" / "240" into the numeric part and an optional scale suffix. */
function parseNumberToken(text: string): { value: number; scale: number } | null {
  let k = 0;
  while (k < text.length && ((text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) || text[k] === ',' || text[k] === '.')) k++;
  const num = Number(text.slice(0, k).replace(/,/g, ''));
  if (!Number.isFinite(num)) return null;
  const tail = text.slice(k).toLowerCase();
  if (!tail) return { value: num, scale: 1 };
  const scale = SCALES.get(tail);
  return scale ? { value: num, scale } : null;
}

function formatAmount(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Number.isInteger(r) ? r.toFixed(0) : String(r);
}

/** Same line and adjacent (only spaces between, or touching). */
const joined = (t: Token | undefined): t is Token => t !== undefined && !t.nl;

/** Try to read a MONEY expression starting at token i. */
export function matchMoney(tokens: Token[], i: number): MoneyMatch | null {
  const t = tokens[i];
  let j = i;
  let code: string | undefined;
  // Symbol first: "$240", "US$5m", "£5m"
  if (t.kind === Kind.Punct && SYMBOLS.has(t.text)) {
    code = SYMBOLS.get(t.text);
  } else if (t.kind === Kind.Word && (t.text === 'US' || t.text === 'A' || t.text === 'C' || t.text === 'HK') && tokens[i + 1]?.text === '$' && !tokens[i + 1].space) {
    code = t.text === 'US' ? 'USD' : t.text === 'A' ? 'AUD' : t.text === 'C' ? 'CAD' : 'HKD';
    j = i + 1;
  }
  if (code) {
    const n = tokens[j + 1];
    if (!joined(n) || n.kind !== Kind.Num) return null;
    const parsed = parseNumberToken(n.text);
    if (!parsed) return null;
    let last = j + 1;
    let scale = parsed.scale;
    if (scale === 1) {
      // "$240-billion" or "$140 billion"
      let k = last + 1;
      if (tokens[k]?.text === '-' && !tokens[k].space) k++;
      const s = tokens[k];
      if (joined(s) && s.kind === Kind.Word && SCALES.has(s.text.toLowerCase()) && s.text.length > 1) {
        scale = SCALES.get(s.text.toLowerCase())!;
        last = k;
      }
    }
    return { start: t.start, end: tokens[last].end, lastToken: last, canonical: `${formatAmount(parsed.value * scale)} ${code}` };
  }
  // Number first: "10 million euros", "500 US dollars", "1,000 yuan"
  if (t.kind !== Kind.Num) return null;
  const parsed = parseNumberToken(t.text);
  if (!parsed) return null;
  let k = i + 1;
  let scale = parsed.scale;
  const s = tokens[k];
  if (scale === 1 && joined(s) && s.kind === Kind.Word && SCALES.has(s.text.toLowerCase()) && s.text.length > 2) {
    scale = SCALES.get(s.text.toLowerCase())!;
    k++;
  }
  let qualifier: string | undefined;
  while (joined(tokens[k]) && tokens[k].kind === Kind.Word && CURRENCY_QUALIFIERS.has(tokens[k].text.toLowerCase()) && k - i < 5) {
    qualifier = tokens[k].text.toLowerCase();
    k++;
  }
  const c = tokens[k];
  if (!joined(c) || c.kind !== Kind.Word) return null;
  let cc = CURRENCY_WORDS.get(c.text.toLowerCase());
  if (!cc) return null;
  // "won" after a bare number is usually the verb ("3 won"); accept it only after a scale word.
  if (cc === 'KRW' && scale === 1) return null;
  if (cc === 'USD' && qualifier && QUALIFIED_CODE[qualifier]) cc = QUALIFIED_CODE[qualifier];
  return { start: t.start, end: c.end, lastToken: k, canonical: `${formatAmount(parsed.value * scale)} ${cc}` };
}
