/**
 * Tokens that can only be outside an entity: lower-case words and punctuation that (almost) never
 * occur inside a training entity ("said", ",", and "the", which a handful of names among
 * thousands of uses contain) — most of a news text. The trainer keeps open what gold entities
 * contain at least twice and in at least 1% of its uses, plus the name particles of lexicon.ts.
 * The decoder allows them no other tag, so they need no scoring and cost one step of decoding; a
 * lower-case word that does occur inside names ("of", "de", "bin", "and") stays open, as does any
 * word with a capital letter, a digit or a letter the lookup form folds ("al-Assad", "eBay",
 * "1860", "señor"), and every token of a caseless sentence. The set comes with the model (its
 * header), and training decodes under the same restriction (except through a gold entity).
 */
import { Kind, type Token } from '../tokenize.js';

/** The form to look up when the token may be forced outside; null when it is always open. */
export function closedForm(t: Token, caseless: boolean): string | null {
  if (caseless) return null;
  if (t.kind === Kind.Punct || t.kind === Kind.Poss) return t.low;
  if (t.kind === Kind.Word && t.text === t.low) return t.low;
  return null;
}

/**
 * Whether a closed form is in the open set, with a quick test first: a form whose first code unit
 * and length no open form has is closed without hashing it (nearly every closed form of a text).
 */
export class OpenForms {
  /** Per first ASCII code unit: bit min(length, 15) set when an open form starts so. */
  private readonly lengths = new Uint16Array(128);

  constructor(readonly forms: ReadonlySet<string>) {
    for (const f of forms) {
      const c = f.charCodeAt(0);
      if (c < 128) this.lengths[c] |= 1 << Math.min(f.length, 15);
    }
  }

  has(form: string): boolean {
    const c = form.charCodeAt(0);
    if (c < 128 && (this.lengths[c] & (1 << Math.min(form.length, 15))) === 0) return false;
    return this.forms.has(form);
  }
}

const openForms = new WeakMap<ReadonlySet<string>, OpenForms>();

/** The OpenForms of a set, built once per set. */
export function openFormsOf(forms: ReadonlySet<string>): OpenForms {
  let open = openForms.get(forms);
  if (!open) openForms.set(forms, (open = new OpenForms(forms)));
  return open;
}
