/**
 * Closed word lists the tagger's rules use. All lookups are on lower-cased words, built once at
 * module load.
 */

import { COMMON_WORDS_TEXT } from './common-words.js';

const words = (s: string): Set<string> => new Set(s.toLowerCase().split(/\s+/).filter(Boolean));

/**
 * Titles and honorifics that precede a person's name. They are a PERSON cue and are stripped from
 * spans and canonical names. Multi-word titles are matched token by token: every token of a
 * title is in this set ("Prime", "Minister", "Foreign"), and a run's leading tokens are stripped
 * while they are titles or demonyms ("Russian Prime Minister Mikhail Mishustin").
 */
export const TITLE_WORDS = words(`
president vice crown supreme grand prime minister foreign deputy first secretary general secretary-general chancellor premier king queen prince
princess emperor empress sheikh sheik emir ayatollah pope cardinal archbishop bishop rev reverend father sister saint
mr mrs ms miss mx dr prof professor sir dame lord lady gen lt col capt maj sgt adm cmdr gov sen rep
governor senator representative congressman congresswoman mayor ambassador envoy spokesman spokeswoman spokesperson
chairman chairwoman chair chief executive ceo director commander admiral colonel major captain lieutenant sergeant marshal
judge justice attorney counselor counsellor adviser advisor assistant undersecretary under state defense defence interior
finance economy trade energy health justice home affairs affair education agriculture culture transport labor labour
administrator commissioner secretary special presidential former acting ex late incumbent elect then head leader officer official coach
shadow emeritus
`);

/** Honorifics: "Mr Wang", "Dr. Ouyang" (they never join a capitalized run, see COMMON_CAPS). */
export const HONORIFICS = words(`mr mrs ms mx dr prof sir dame lord lady`);

/** Titles that are also ordinary lowercase nouns: only a cue, never part of a capitalized run. */
export const PERSON_CUE_NOUNS = words(`
president minister premier chancellor king queen prince spokesman spokeswoman spokesperson ambassador envoy counterpart
leader chairman chairwoman secretary director chief ceo founder co-founder creator coach player actor actress singer
author writer journalist reporter correspondent editor professor lecturer researcher scientist senator governor mayor
judge lawyer attorney officer official diplomat member student teacher doctor nurse captain general commander
presidents ministers leaders colleague colleagues analyst economist expert artist musician rapper star striker
midfielder goalkeeper manager candidate nominee winner champion wife husband son daughter mother father brother sister
boss owner chef pilot activist campaigner blogger photographer filmmaker director-general secretary-general
`);

/** Last word of an organisation name. */
export const ORG_SUFFIXES = words(`
organization organisation corporation corp company co inc incorporated ltd limited llc plc gmbh ag sa group holdings
ministry agency bank university college school academy institute institution council party committee commission org
association federation union league alliance fund foundation court army navy force forces corps guard police service
services department bureau office authority board assembly parliament congress senate duma cabinet government
administration club society network news times post press journal herald tribune daily broadcasting television radio
airlines airways railways motors industries technologies systems laboratories labs church magazine gazette weekly mail studios
movement front coalition brigade brigades battalion exchange reserve secretariat commissariat
`);

/** First word of "<Head> of <X>" organisation names ("Ministry of Defence", "Bank of England"). */
export const ORG_HEADS = words(`
ministry bank university college institute department bureau office council commission committee association federation
union league organization organisation academy school court house church society board federal people's centre center
`);

/**
 * Buildings and other facilities. The pipeline has no facility type, so a named building is a
 * PLACE ("Wembley Stadium", "Kennedy Space Center", "Grand Mosque"); an organisation named after
 * its building is tagged as the place. "Centre/Center for X" is an organisation (ORG_HEADS).
 */
const FACILITY_WORDS = `
center centre museum stadium arena hall hotel hospital mosque cathedral temple synagogue chapel shrine palace castle
tower towers building plaza mall complex facility gallery galleries planetarium observatory memorial monument cemetery
theatre theater zoo prison jail base camp harbour harbor pier terminal
`;

/** Last word of a place name ("Gansu Province", "Mexico City", "Red Sea"). */
export const PLACE_SUFFIXES = words(`
province city county region district oblast krai republic state prefecture territory island islands isles river sea ocean
lake mountains mountain mount valley bay gulf strait peninsula desert coast street avenue square road boulevard airport
station park bridge canal village town heights
${FACILITY_WORDS}
`);

/** First word of "<Head> of <X>" place names ("Gulf of Mexico", "Republic of Korea"). */
export const PLACE_HEADS = words(`
gulf bay isle island strait republic kingdom state sea cape city port museum palace
`);

/**
 * Lower-case particles allowed inside a name ("Charles de Gaulle", "Mohammed bin Salman",
 * "Ursula von der Leyen"). They never start or end a name.
 */
export const NAME_PARTICLES = words(`de da di del della der den van von bin ibn bint al el la le du dos das ter abu y`);

/** Month names and their abbreviations. */
export const MONTHS = words(`
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
`);

/**
 * Capitalized words that are never an entity on their own: function words, pronouns, days,
 * months, and frequent sentence starters. They are dropped from the edges of a capitalized run.
 */
export const COMMON_CAPS = new Set([...words(`
a an the this that these those there here then than thus hence so and or but nor yet if when while where why how what
which who whom whose whatever whoever i he she it we they you me him her us them his its our their your my mine
in on at by for from to of with without within into onto upon over under after before during since until about above
below across against along among around as because besides between beyond despite down like near off out per through
throughout toward towards via all any both each every few many more most much no none not nothing other others own same
several some such only also even just still already again ever never always often now today tomorrow yesterday tonight
is are was were be been being am do does did has have had having will would shall should can could may might must
said says say told asked added according however meanwhile moreover furthermore nevertheless therefore instead indeed
yes no ok okay please thanks thank mr mrs ms dr
monday tuesday wednesday thursday friday saturday sunday
breaking comment comments featured stories story code sponsored leave reply share photo file image video
read more click subscribe advertisement related latest update updated source credit copyright menu search
one two three four five six seven eight nine ten first second third last next new old
earlier later following speaking regarding given based including amid under although though whether
tv pc pcs dvd dvds cd cds id gdp ceo cfo mp mps mep meps ai it pr hiv aids dna sms gps usb pdf vat ipo am pm bc ad
lgbt covid internet web gmt utc vip iq html http https url www faq potus ok rsvp diy tba asap fyi lol omg
i'm i'll i've i'd
`), ...MONTHS]);

/**
 * Words that mark a sports report (chosen so that 6+ of them at 1%+ of the words flag a quarter of
 * the news/bbc sport articles and 2 of its 1,713 other articles). Such a document names national
 * teams by their country ("Sweden defeated South Korea 1-0"): those mentions are ORG there.
 */
export const SPORTS_CUES = words(`
goal goals scored scorer penalty penalties striker midfielder defender goalkeeper referee tournament championship league
cup stadium squad kick minute half-time equaliser equalizer semi-final quarter-final match matches fixture fixtures innings
wicket wickets batsman bowler substituted possession volley
`);

/** Lower-case words before a capitalized word that mark it as a place ("in Kabul", "near Herat"). */
export const PLACE_PREPOSITIONS = words(`in at near outside inside across throughout`);

/** Verbs of saying: "X said" / "said X" suggests a person when nothing else classifies X. */
export const SPEECH_VERBS = words(`said says told added noted stressed emphasized emphasised asserted argued urged warned explained stated`);

/** Common English words from a news corpus (common-words.ts), lower-case. */
export const COMMON_WORDS: Set<string> = new Set(COMMON_WORDS_TEXT.split(/\s+/).filter(Boolean));
