/**
 * Common English words: every word written at least 3 times with a lower-case first letter in the
 * news/bbc corpus (2,225 BBC articles, 2004-05; see docs/entities.md for the command that
 * regenerates this file). A capitalized word in this list is probably a sentence start or part of
 * a title, not a name, unless other evidence says so (given name, gazetteer, suffix, cue).
 * 10385 words. Generated; do not edit by hand.
 */
export const COMMON_WORDS_TEXT = `
abandon abandoned abandoning abandonment abide abiding abilities ability able abolish abolished abolishing abortion
abortionist about above abroad absence absent absolute absolutely absorbed absorbing absurd abuse abused abuses
abusing abusive academic academics academy accelerate accelerated accelerating accept acceptable acceptance accepted
accepting accepts access accessed accessible accessing accession accident accidental accidentally accidents acclaim
acclaimed accolade accolades accommodate accommodation accompanied accompanying accomplished accordance according
account accountability accountable accountancy accountant accountants accounted accounting accounts accumulated
accuracy accurate accurately accusations accuse accused accuses accusing accustomed ace achieve achieved achievement
achievements achieving acknowledge acknowledged acknowledges acquire acquired acquiring acquisition acquisitions
acquitted acre acrimonious acrobatic across act acted acting action actions activated active actively activist
activists activities activity actor actor's actors actress actresses acts actual actually ad adamant adapt adaptation
adapted adapter adapting adaptor adaptors add added addicted addiction addictive adding addition additional address
addressed addresses addressing adds adequate adequately adhere adjust adjusted adjusting adjustment adjustments
adjusts administration administration's administrative administrator administrators admirable admiration admired
admission admissions admit admits admitted admitting adolescent adopt adopted adopting adoption ads adult adults
advance advanced advances advancing advantage advantages advent adventure adverse advert advertise advertised
advertisements advertisers advertising adverts advice advise advised adviser advisers advises advising advisor
advisors advisory advocacy advocate advocates aerospace aesthetics affair affairs affect affected affecting affection
affects affiliate affluent afford affordable afforded afraid after after-hours after-school aftermath afternoon
afterwards again against age aged ageing ageism agencies agency agency's agenda agendas agent agents ages aggravated
aggravating aggregators aggressive aggressively ago agonisingly agree agreed agreeing agreement agreements agrees
agricultural agriculture ahead aid aide aides aiding aids aim aimed aiming aims air aircraft aired airing airline
airline's airlines airplane airplay airport airports aka akin al al-Qaeda alarm alarmed alarming albeit album albums
alcohol alert alerted alerting alerts algorithms alien aliens alike alive all all-Australian all-black all-party
all-round all-time allay allegation allegations allege alleged allegedly alleges allegiance allegiances alleging
alliance allied allies allocated allow allowance allowances allowed allowing allows ally almost alone along alongside
aloud alphabet already alright also alter altered altering alternative alternatives although altogether always am
amateur amazed amazing ambassador ambition ambitions ambitious amend amending amendment amendments amends amid
ammunition amnesty among amongst amount amounted amounting amounts amplified amplifier amplify an analogue analysed
analysis analyst analysts anathema ancestors ancient and angels anger angered angle angled angrily angry animal
animals animated animation animosity ankle anniversary announce announced announcement announcements announces
announcing annoyed annual annually anomalies anomaly anonymity anonymous another answer answered answers ante antenna
antennae anthem anti anti-Nazi anti-Semitic anti-Semitism anti-Tory anti-corruption anti-doping anti-piracy
anti-racism anti-racketeering anti-social anti-spyware anti-terror anti-terrorism anti-violence anti-virus anticipated
anticipation anxious any anybody anymore anyone anything anyway anywhere apart apathetic apiece apologise apologised
apology apparatus apparent apparently appeal appealed appealing appeals appear appearance appearances appeared
appearing appears appetite applaud applauded applause appliances applicants application applications applied applies
apply applying appoint appointed appointing appointment appointments appreciate appreciated appreciation apprehended
apprehension approach approached approaches approaching appropriate appropriately approval approvals approve approved
approves approximately arbitrary arbitration arcade archbishop architect architecture archive archived archives ardent
are area areas aren't arena arguably argue argued argues arguing argument arguments ariary arise arisen arising arm
armed armour arms army around arrange arranged arrangement arrangements array arrest arrested arrests arrival arrive
arrived arrives arriving arrogance arrogant arson art article articles artificial artificially artist artistic artists
arts artwork as asbestos ashamed aside ask asked asking asks aspect aspects aspiration aspiring assassination assault
assaulted assaults assembled assemblies assembly asserts assess assessed assessing assessment assessments asset assets
assigned assist assistance assistant assistants assisted assisting associate associated associates association
associations assume assumed assuming assumption assumptions assurances assure assured astonishing astounded asylum at
athlete athletes athletic athletics atmosphere atmospheric attached attachment attachments attack attacked attacker
attackers attacking attacks attempt attempted attempting attempts attend attendance attendant attendants attended
attending attends attention attentions attitude attitudes attorney attract attracted attracting attraction attractions
attractive attracts attributed auction auctioned auctions audience audiences audio audit audition auditions auditor
auditors authentic authenticate authentication author authorisation authorise authorised authoritarian authorities
authority authors auto autobiographical autobiography autographs automated automatic automatically autumn availability
available avenues average averaged avert averting aviation avoid avoided avoiding avoids await awaited awaiting awaits
award award-winning awarded awarding awards aware awareness away awesome awful axe axed baby babysitter back back-row
back-tax back-to-back back-up back-ups backbench backbencher backbenchers backbenches backbone backdoor backed backers
backfired background backgrounds backhand backing backlash backlog backs backside backstreet backwards bad badly
baggage bagged bags baht bail bail-out bailed balance balanced balances balancing ball ballad ballet ballot balloted
balloting ballots balls ban band band's bandmates bands bandwidth bang bank bank's banker bankers banking bankrupt
bankruptcy banks banned banner banning bans banter bar barely bargain barn barred barrel barrels barrier barriers
barring barrister bars base based bases basic basically basis basketball bass bassist bat batch bath battered
batteries battery battle battled battlefield battleground battles battling bay be beach beam bear bearing bears beast
beat beaten beating beats beautiful beautifully beauty became because become becomes becoming bed bedroom beds beef
been beer beers before began begin beginning beginnings begins begun behalf behave behaving behaviour behind
behind-the-scenes being belief beliefs believe believed believer believes bells belong belonged belonging belongs
beloved below belt bench benches benchmark bend beneficial benefit benefited benefiting benefits benign beside best
best-known best-seller best-selling bests bestseller bestselling bet beta betrayal betrayed bets better betting
between bewildered bewildering beyond biased bickering bid bidder bidders bidding bids big big-budget big-screen
bigger biggest biggest-selling bike bilateral bill billboard billed billion billion-dollar billionaire billions bills
bin binding binge biography biological biometric biopic bird birth birthday birthdays bit bite bits bitter bitterly
biz bizarre black blacklists blackmail blame blamed blames blaming bland blank blast blasted blasting blasts blatant
blazed blazing blend blending blessed blessing blew blight blighted blind blind-side blip blitz bloc block blockbuster
blockbusters blocked blocking blocks blog blogger bloggers blogging blogosphere blogs blogsphere blood blow blown blue
blueprint blues blunt blur blurred board board's boarding boardroom boards boast boat boats bodes bodies body body's
boil boils bold bolster bomb bombard bombarded bombing bombings bombs bond bondholders bonds bone bones bonus bonuses
book book's booked booking bookings bookmaker bookmakers books boom booming boost boosted boosting boosts boot boots
border borders bore bored boring born borne borrow borrowed borrowing boss bosses bot both bother bothered bottle
bottlenecks bottom bought bounce bounced bouncing bound boundaries boundary bourse bouts bow box box-office boxer
boxes boxing boy boyfriend boys bpd brain brains brake braking branch branches brand branded branding brands brave
bravely brawl breach breached breaches breaching bread breadth break break-up breakdown breakfast breaking breakneck
breaks breakthrough breast breasts breath breathing breed breeding breezes brewer breweries brewery brewing bribe
bribery bribes bricks bridge bridges brief briefed briefing briefings briefly bright brightest brilliant brilliantly
bring bringing brings brink broad broadband broadcast broadcaster broadcasters broadcasting broadcasts broaden broader
broadly broke broken broker brokerage brokers bronze brother brothers brought browse browser browsers browsing
bruising brush brushed brutal bubble buck budget budgets bug bugs build build-up building buildings built built-in
bulbs bulk bullet bulletin bullets bullish bullying bump bumper bunch bundle bundled buoy buoyant buoyed burden
burdened burdens burdensome bureaucracy bureaucratic bureaucrats burglar burglars buried burn burner burning burst
bursting bury burying bus busiest business business-based businesses businessman bust busy but button buttons buy
buy-back buy-to-let buyer buyers buying buyout buys buzz buzzwords by by-election by-elections bye bypassed cab
cabinet cable cables cabs cactus caf cafe cafes cake calculate calculated calculating calculations calculator calendar
calibre call call-up call-ups called callers calling calls calm camcorders came cameo camera cameras camp campaign
campaign's campaigned campaigner campaigners campaigning campaigns camped camps can can't cancel cancellations
cancelled cancelling cancer candid candidate candidates cannabis cannibalism cannot canny canvassers cap capabilities
capability capable capacities capacity capital capital's capitalisation capitalise capitalised capped caps capt
captain captaincy captained captains capture captured capturing car car-making carbon card cardinal cards care career
careers careful carefully carers cares caretaker caring carmaker carmakers carpet carried carrier carriers carries
carry carrying cars cartel cartilage cartoon cartridge cartridges carve case cases cash casino casinos cast casting
castle casual casualties casualty cat catalogue catalogues cataloguing catalyst catastrophe catch catching catchy
categories category catering cattle caught cause caused causes causing caution cautioned cautious cautiously cease
ceiling celebrate celebrated celebrates celebrating celebration celebrations celebrities celebrity cell cells cement
censorship cent central centrally centre centred centrepiece centres cents centuries century ceremonies ceremony
certain certainly certainty certificate chagrin chain chains chair chaired chairing chairman chairmanship chairs
challenge challenged challenger challenges challenging chamber champagne champion championing champions championship
championships chance chancellor chancellor's chancellors chances change changed changeover changes changing channel
channels chanting chaos chaotic chapter chapters character characters charge charged charges charging charismatic
charities charity charity's charm charming chart chart-topper chart-toppers chart-topping charter charts chase chased
chasing chat chatrooms cheap cheaper cheapest cheaply cheating cheats check checked checking checks cheer cheering
cheers cheese cheesy chemical chemicals chemistry cheque chest chief chiefs chiffon child child's childcare childhood
children children's chip chips chocolate choice choices choir cholesterol choose chooses choosing chopped choreography
chose chosen chronicles chronology chronometer chunk church cigarette cigarettes cinema cinemas cinematic
cinematography circle circles circuit circuits circulating circulation circumstances cited cities citing citizen
citizens citizenship city city's civic civil civilian civilians civilised claim claimed claiming claims clamp
clampdown clamping clamshell clan clarify clarifying clarity clash clashed clashes class classed classes classic
classical classics classified classroom clause clawed clay clean clean-up cleaned cleaner cleaning clear clear-cut
clearance cleared clearer clearest clearing clearly clerk clever cleverly click clicking client clients climate climax
climb climbed climbing clinch clinched clinching clinic clinical clips clock clocked clocking cloning close
close-range closed closely closer closes closest closing closure closures clothes clothing cloud club club's clubs
clue clues clumsy clutch co co-chairman co-operate co-operation co-ordinate co-ordinating co-ordinator co-production
co-star co-stars co-writer co-written co-wrote coach coached coaches coaching coal coalition coast coastal coatings
cocaine cocoa code coded codenamed coders codes coffee coffers coin coincide coincided coincidence coincidentally
coined cold collaborate collaborated collaboration collapse collapsed collateral colleague colleagues collect
collected collecting collection collections collective collector collector's college colleges collision colluded
colonial colour coloured colourful colours column com com's coma combat combatants combination combine combined
combines combining come comeback comedian comedy comes comfort comfortable comfortably comic comics coming command
commander commands commemoration comment commentaries commentary commentator commentators commented commenting
comments commerce commercial commercialised commercially commission commission's commissioned commissioner
commissioner's commissioners commissioning commissions commit commitment commitments committed committee committee's
committees committing commodity common commonly commonplace commons communicate communication communications
communicator communiqu communist communities community commuters compact companies companion company company's
comparable comparatively compare compared compares comparing comparison comparisons compassion compatibility
compatible compatriot compelling compensate compensated compensation compete competed competent competes competing
competition competitions competitive competitiveness competitor competitors compile compiled compiling complacency
complacent complain complained complaining complaint complaints complement complete completed completely completes
completing completion complex complexes complexity compliance complicated complied comply component components
composed composer composers composition composure comprehensive compress compressed compression comprised comprising
compromise compromised compromising compulsion compulsory computational computer computer-based computer-generated
computers computing con concealed concealing concede conceded concedes conceding conceived concentrate concentrated
concentrates concentrating concentration concept concepts concern concerned concerning concerns concert concerts
concession concessions conciliation conclude concluded concludes concluding conclusion conclusions conclusive concrete
condemned condition conditions conducive conduct conducted conducting conductor conference conferences conferencing
confess confessed confession confidence confident confidential confidentiality confined confirm confirmation confirmed
confirming confirms conflict conflicting conflicts conform confounded confront confrontation confronted confuse
confused confusing confusion congestion conglomerate congratulate congratulated congratulations conjunction conmen
connect connected connecting connection connections connectivity connectors connects conscience conscious
consciousness consecutive consensus consequence consequences conservative conservatively conservatives consider
considerable considerably consideration considerations considered considering considers consistency consistent
consistently consisting consists consolation console consoles consolidate consolidation consortium conspiracy
conspired conspiring constable constables constant constantly constituencies constituency constituents constitution
constitutional construction constructive construed consulates consult consultancy consultant consultants consultation
consulted consulting consume consumer consumer's consumers consuming consumption contact contacted contacts contain
contained containing contains contemplating contemporary contempt contend contender contenders content contention
contentious contents contest contestant contestants contested contests context continent continental continents
contingency contingent continually continuation continue continued continues continuing continuous continuously
contraception contract contracted contraction contractor contractors contracts contradict contradictory contrary
contrast contrasted contribute contributed contributing contribution contributions contributor contributors contrived
control controlled controller controllers controlling controls controversial controversially controversies controversy
convenience convenient convention conventional converged convergence conversation conversations conversion conversions
convert converted convertible converting convey convicted conviction convictions convince convinced convincing cooking
cool cooled cooling cooperation coordinator cop cope coped copied copies coping copper copy copycat copying copyright
copyrighted cord core cores corner corners corporate corporation corporations corpus correct correction corrective
correctly correspondent corrosive corrupt corruption cosmetic cosmetics cost cost-cutting costed costing costly costs
costume cotton couch could couldn't council council's councillors councils counsel counselling count counted counter
counter-attack countered counterfeit counterpart counterparts counting countless countries country country's
countryside counts county coup couple coupled couples courage course courses court court's courtesy courting courts
cover coverage covered covering covers coveted cow crack crackdown cracked cracking cracks crap crash crashed crass
crave crawling craze crazy cream create created creates creating creation creations creative creativity creator
creators creature creatures credentials credibility credible credit credited creditor creditors credits crept crew
crews crime crimes criminal criminally criminals cripple crippled crisis crisp criteria critic critical critically
criticise criticised criticises criticising criticism criticisms critics crop cross cross-country cross-field
cross-kick crosscourt crossed crosses crossing crossover crowd crowded crowds crown crowned crucial crude cruelty
cruise cruised crunch crushed crushing cry crying crystal crystalline cue culminated culprit cult cultural culture
cultures cumbersome cup curb curbing curbs cure curfew curfews curled currencies currency current currently curriculum
curry cursing cursor curve custody customary customer customer's customers customised customs cut cut-out cutbacks
cuts cutting cyber cycle cynical cynicism da dad daily dairy dal dam damage damaged damages damaging damn dampened
dampening dance danced dancehall dancer dancers dancing danger dangerous dangers dare dark darker darling dashed data
database date dates dating daughter daughter's daughters day day's day-to-day days de dead deadline deadlock deadly
deaf deal dealer dealers dealing dealings deals dealt dean dearly death deaths debate debated debates debating debit
debt debts debut debutant debuted debuts decade decades decathlete decency decent decide decided decider decides
deciding decision decisions decisive declaration declarations declare declared declaring decline declined declines
declining decorated decrease dedicated dedication deemed deep deeper deeply deer defamation default defeat defeated
defeats defected defection defects defence defences defend defendant defendants defended defender defenders defending
defends defensive defer defiant deficit deficits defied define defined defining definite definitely definition
definitive deflation deflected deflection defraud deft defy degrading degree degrees del delay delayed delaying delays
delegates delegation delete deleted deletion deliberate deliberately deliberations delight delighted delist delisted
delisting deliver delivered deliveries delivering delivers delivery demand demanded demanding demands demise demo
democracy democratic democratisation demographic demographics demonising demonstrate demonstrated demonstrates
demonstrating demonstration demonstrations den denial denied denies dent dented deny denying departed department
department's departments departure depend dependant dependence dependent depending depends depicts deploy deployed
deployment deport deported deposit deposits depress depressed depressing depression deprived depriving depth deputies
deputy der derail derby deregulation derivatives derived descend descended describe described describes describing
description desert deserve deserved deserves deserving design designated designation designed designer designers
designs desire desk desktop despair despairing despatch desperate desperately despite destination destinations
destined destiny destroy destroyed destroying destruction detail detailed details detain detained detainee detainees
detaining detect detected detection detector detention detentions deter deteriorate deterioration determination
determine determined deterred devaluation devastated devastating devastation develop developed developer developers
developing development developments develops device devices devised devoted di diagnosed diagnosis dial dial-up
dialler diallers dialling dialogue diamond diaries diary dictate dictionary did didn't die died dies diesel diet
differ difference differences different differentiate differently difficult difficulties difficulty dig digging digit
digital digitally digitise digitised digits dignity dilemma diligent dimension dimensions dinkier dinner dip diploma
diplomatic dipped dipping dire direct directed directing direction directions directive directives directly director
director-general directors dirty disable disabled disadvantage disadvantaged disagree disagreed disagreement
disagreements disallowed disappear disappearance disappeared disappoint disappointed disappointing disappointment
disapproval disaster disasters disastrous disc disciplinary discipline disciplined disclose disclosed disclosure
discomfort discontent discount discounted discounts discourage discover discovered discoveries discovering discovery
discriminated discriminates discrimination discriminatory discs discuss discussed discussing discussion discussions
disease diseases disenchanted disgrace disgraceful disguise disguises disillusioned disk disks dislike disliked
dismantled dismiss dismissal dismissed dismisses dismissive disorder disorderly dispel dispensed displaced display
displayed displaying displays disposable disposal disproportionate dispute disputed disputes disqualified disquiet
disrepute disrespect disrupt disrupted disruption disruptive dissatisfied dissent dissipated dissolve distance
distanced distances distinct distinction distinctive distinguish distorted distract distracted distraction distressing
distribute distributed distributing distribution distributor distributors district districts disturbances disturbing
disunity ditch diva dive dived diverse diversify diversity divert diverted diverting divide divided dividend dividends
divides dividing diving division divisions divorce do dock doctor doctors document documentaries documentary documents
dodgy does doesn't dog dogged dogs doing doldrums dollar dollar's dollars domain domains domestic dominance dominant
dominate dominated dominates dominating domination don't donate donated donating donation donations done donor donors
doom doomed door doors doping dossier dot dotcom dotted double double-digit double-faults doubled doubles doubling
doubt doubted doubtful doubts dour down downfall downgrade downgraded download downloadable downloaded downloaders
downloading downloads downs downside downturn downward dozen dozens draconian draft drafted drafting drag dragged
dragging drain drama dramatic dramatically drastically draw drawing drawings drawn draws dreadful dream dreamed
dreaming dreams dress dressed dressing dressing-room drew drill drilling drink drinkers drinking drinks drive driven
driver driver's drivers drives driving drop drop-goal dropped dropping drops drove drown drowned drowning drug
drugmaker drugs drum drummer drunk drunken dry du dual dubbed dubious ducking due duet dug dull dumb dummy dumpsite
duo during duties duty dwindling dying dynamic dysfunctional e-commerce e-mail e-mailed e-mails eBay eBay's eDonkey
each eager eagerly ear earlier earliest early earmarked earn earned earner earners earning earnings earns ears earth
earthquake ease eased eases easier easily easing east eastern easy eat eating echo echoed eclipsed economic
economically economics economies economist economists economy economy's ecosystem ecstatic edge edged edges edging
edit edited editing edition editions editor editorial editors edits educate educated educating education educational
effect effective effectively effectiveness effects efficiency efficient efficiently effort efforts egg eight eighteen
eighth either elaborate elderly elected election electioneering elections electoral electorate electric electrical
electricity electrodes electronic electronically electronics electrons element elements elevated elevators eleven
eligibility eligible eliminate eliminating elimination elite elites else else's elsewhere elude elusive em email
embargo embark embarked embarking embarrass embarrassed embarrassing embarrassment embassies embassy embattled
embedded embezzlement embrace embraced embracing embroiled emerge emerged emergence emergency emerges emerging eminent
emissions emotion emotional emotionally emotions emotive emphasis emphasise emphasised emphatic empire employ employed
employee employee's employees employer employers employing employment employs empower empowerment empty empty-handed
emulate en enable enabled enables enabling encampments encompass encounter encountered encounters encourage encouraged
encouragement encouraging encryption end end-of-year ended ending endless endlessly endorse endorsed ends endured
enduring enemies enemy energy enforce enforced enforcement enforcing engage engaged engagement engages engaging engine
engineer engineered engineering engineers engines enhance enhanced enhancing enigmatic enjoy enjoyable enjoyed
enjoying enjoyment enjoys enlarged enlisted enormous enormously enough ensure ensured ensures ensuring enter entered
entering enterprise enterprises enterprising enters entertain entertainers entertaining entertainment enthusiasm
enthusiastic enthusiasts entire entirely entitled entourage entrance entrants entrepreneur entrepreneurs entries entry
envelope envelopes environment environmental environmentally environments ephedrine epic epidemic episode episodes
epitomised eponymous equal equalised equaliser equality equalled equally equipment equipped equities equity equivalent
era eradicate erase eroded eroding erratic error errors escape escaped especially espionage essence essential
essentially establish established establishing establishment estate esteem estimate estimated estimates estimating et
etRatings etc ethical ethics ethnic eulogy euro euro's euros eurozone eurozone's euthanasia evaluate evaporated
evasion eve even evening event events eventual eventually ever every everybody everybody's everyday everyone
everyone's everything everywhere evicted eviction evictions evidence evident evil evolution evolved evolving ex
ex-Yukos ex-boss ex-chief exacerbated exact exactly exaggerated examination examine examined examining example
examples exams exceed exceeded exceeding exceeds excellence excellent except exception exceptional exceptionally
excess excessive exchange exchange's exchanged exchanges exchanging excited excitement exciting exclude excluded
excludes excluding exclusion exclusive exclusively excuse execute executed execution executive executives exempt
exemptions exercise exercises exercising exhibition exhibitors exist existed existence existing exists exit exits
exoskeletons exotic expand expanded expanding expands expansion expansive expect expectancy expectation expectations
expected expecting expects expenditure expense expenses expensive experience experienced experiences experiencing
experiment experimental experiments expert expertise experts expire expired expires explain explained explaining
explains explanation explanations explicit explode exploded exploit exploited exploiting exploits exploration explore
explored explores exploring explosion explosions explosive exponentially export exported exporter exporters exporting
exports expose exposed exposing exposure express expressed expressing expression extend extended extending extension
extensions extensive extent external extra extra-time extracting extraordinarily extraordinary extras extravagant
extreme extremely extremist extremists eye eye-opener eyeballs eyebrows eyeing eyes fabrics fabulous face face-to-face
faced faces facilitate facilities facility facing fact factions factor factories factors factory facts factual fade
fading fail failed failing failings fails failure failures fair fairer fairly fairness fairy faith faithful fake faked
faking fall fallen falling fallout falls false falsifying faltered faltering fame famed familiar families family
family's famine famous famously fan fancy fanfare fans fantastic fantastically fantasy far farce fare fares farewell
farm farmer farmers farming farms fascist fashion fashionable fashioned fast fast-food fast-growing faster fastest fat
fate father father's fathers fathom fault faults faulty favour favourable favourably favoured favourite favourites
favours fax fbi fear feared fearful fearing fears fearsome feasible feat feature featured features featuring fed
federal federation federations fee feed feedback feeding feeds feel feeling feelings feels fees feet fell fellow
felony felt female ferocious ferocity fervour fest festival festival's festivals festive festivities feta fetch
fetches feted feud few fewer fi fiasco fibre fiction fictional field fielded fielding fields fierce fiercely fifth
fight fighting fights figure figures file file-sharing filed files filing fill filled filling film film's film-maker
film-makers film-making filmed filming filmmaking films filter filtering filters final finale finalised finalist
finalists finally finals finance financed finances financial financially financing find finding findings finds fine
fined fines finest finger fingerprinting fingerprints fingers finish finished finishing fire firearms fired fires
firewall firewalls fireworks firing firm firm's firmly firms first first-choice first-half first-leg first-round
first-set first-team first-time fiscal fish fishermen fishing fit fitness fits fitted fitting five five-month five-set
five-year fix fixed fixed-line fixes fixture fixtures flag flagged flagship flair flak flamboyant flank flanker flared
flash flashes flat flattered flattering flaw flawed flaws fled fledgling fleeing fleet flew flexibility flexible flick
flight flights floated floating flock flood flooded flooding floods floor floors flop floppy flotation flourish flout
flow flowers flowing flows flu fluctuations fluffed fluid fluids flurry flushing fly fly-half flying focus focused
focuses focusing foes fold folders folding folk follow follow-up followed following follows fond food foods fooled
foolish fools foot footage football football's footballer footballing footsteps footwear for foray force forced forces
forcing fore forearm forecast forecaster forecasting forecasts forefront forehand forehead foreign foreign-owned
foreigners forensic forest forever forged forget forging forgot forgotten fork form formal formality formally format
formation formats formed former formerly formidable forming forms formula forthcoming fortnight fortunate fortunately
fortune fortunes forum forums forward forwards foster fostering fought foul fouls found foundation foundations founded
founder founders founding four four-month four-piece four-year fourth fourth-biggest fourth-largest fourth-quarter
fourth-round fox foxes fracas fraction fractured fracturing fragile fragmented frame frames framework franc franchise
franchises francs frank frankly frantic fraud fraudsters fraudulent fraudulently fray free free-kick freed freedom
freedoms freeing freelance freely freeze freezing frenetic frenzy frequencies frequency frequent frequently fresh
friend friendlies friendly friends frightened from front front-runners frontbencher fronted frontline frontman frozen
fruit frustrated frustrating frustration fuel fuelled fuelling fuels fulfil fulfilled full full-back full-blown
full-time full-year fullest fully fumbled fun function functional functionality functions fund fund-raising
fundamental fundamentalism fundamentally fundamentals funded funding fundraising funds funeral funny furious
furnishings furniture furore further fury fused fuss future futures futuristic futurologist gadget gadgets gaffe gain
gained gainer gaining gains gait gala gallery gamble gambling game game's gameplay gamer gamers games gaming gang
gangs gangsters gap gaps garage garden garment gas gasoline gatekeeper gateway gather gathered gathering gathers gauge
gave gay gear geared gearing gears geeks gender general general's generally generate generated generates generating
generation generations generator generic generics generosity generous genius genocide genre genres gentle genuine
genuinely geographical georgewbush gesture get gets getting giant giants gift gifts gig gigabit gigabyte gigabytes
gigantic gigapixel gigs gimmicks girl girlfriend girls give giveaway giveaways given gives giving gizmos glad gladly
glamour glance glass glean glimpse glitches glittering global globalisation globally globe gloom gloomy glorious glory
glossy glowing glut go go-ahead goal goal-kicking goalkeeper goalless goals goes going gold golden golf gone gong good
goodbye goodness goods goodwill gospel gossip got gov govern governance governed governing government government's
governmental governments governor grab grabbed grabbing grabs grace grade gradual gradually graduate graduated
graduates graft grammar grand grandchildren grandfather grandmother grandson grant granted grants graphic graphical
graphics grappling grasp grass grateful gratuitous grave great greater greatest greatly green greenback greet greeted
greeting grew grey grid grim grip grips gritty groin gross grossed grossly ground groundbreaking grounds group group's
groups grow growing grown grows growth gruelling gruesome guarantee guaranteed guaranteeing guarantees guard guarded
guess guessed guest guests guidance guide guided guidelines guides guiding guilt guilty guise guitar guitarist
guitarists guitars gun gunning guns gunshot guru guts gutsy guy guys gym habit habits hack hacked hacker hackers
hacking hacks had hadn't hail hailed hails hair half half-hour half-marathon half-time halfway hall halls halt halted
halve halved halving hammer hammered hammering hamper hampered hampering hamstring hand handed handful handheld
handhelds handing handle handled handlers handles handling hands handset handsets handy hang hanging hangs hapless
happen happened happening happens happier happily happy harbouring harbours hard hard-fought hard-working hardcore
hardcourt hardening harder hardest hardline hardly hardware harm harmful harsh has hasn't hassle hat hat-trick hate
hatred haul hauled haunt haunted have haven haven't haves having he he'd he'll he's head head-to-head headbutt headed
header heading headline headliners headlines headquarters heads headset heal health healthcare healthy heaped hear
heard hearing hearings heart heartening hearts heat heated heating heats heavily heavy hectic hedge heel heels hefty
height heightened heights heirs held helicopter hell helm help helped helpful helping helps hemisphere heptathlon her
herald heralded heralds here hereditary heritage hero heroes heroics heroine herself hi hi-tech hiatus hid hidden hide
hiding high high-definition high-end high-level high-profile high-risk high-speed higher highest highest-ranking
highlight highlighted highlighting highlights highly highs hijack hijacked hike hilarious him himself hinge hint
hinted hinting hints hip hip-hop hire hired hiring his historic historical historically histories history hit hits
hitting hobby hold holder holders holding holdings holds hole holes holiday holidays home home-grown homeland homeless
homes hometown homosexuality honest honestly honesty honorary honour honoured honouring honours hood hook hooked
hooker hop hope hoped hopeful hopefully hopefuls hopes hoping horizon horrible horrific horrified horror horse horses
hospital hospitals host hostage hostages hosted hostile hostility hosting hosts hot hotel hotels hotspot hotspots
hottest hounds hour hour's hourly hours house household householders households housemates houses housing hovering how
however hub hubs huge hugely human humane humanitarian humanity humanoid humans humble humiliating humiliation
humorous humour hundred hundreds hung hunger hungry hunt hunters hunting hunts hurdle hurdler hurdles hurricanes hurry
hurt hurting hurts husband hybrid hype hypnotism hypocrisy iMP iPod iPods iTunes ice iceberg icing icon iconic icons
idea ideal idealistic ideas identical identification identified identifies identify identifying identities identity
ideological idle ids if ignite ignorance ignore ignored ignores ignoring ill ill-fated illegal illegally illegitimate
illiteracy illiterate illness illnesses image imagery images imaginary imagination imaginative imagine imaging
imbalances immeasurably immediacy immediate immediately immense immensely immersed immersion immersive immigrant
immigrants immigration imminent immunisation impact impartial impeccable impending imperative impetus implement
implementation implemented implementing implicated implications imply implying import importance important importantly
imported imports impose imposed imposing impossible impractical impresario impress impressed impression impressions
impressive impressively imprisoned imprisonment improper improve improved improvement improvements improves improving
improvise in in-depth in-form inability inaccessible inaccurate inadequate inadvertently inappropriate inaugural
inauguration incapacitated incarnation incensed incentive incentives inch inched inches incident incidentally
incidents incite inciting inclined include included includes including inclusion income incomes incoming
incompatibilities incompatible inconsistent inconvenience incorporate incorporated incorporates incorporating increase
increased increases increasing increasingly incredible incredibly incumbent indebted indecency indecision indeed
indefinite indefinitely independence independent independently index indexing indicate indicated indicates indicating
indication indications indicative indicator indicators indicted indictment indie indigenous indirect indirectly
indispensable individual individual's individually individuals indoor indoors inducted induction indulging industrial
industrialised industries industry industry's ineffective inefficient ineligible inept inequality inevitable
inevitably inexperienced infamous infancy infant infect infected infection infectious infects inferior infested
infighting inflate inflated inflation inflationary inflict inflicted influence influenced influences influential info
inform informal information informed informing infrastructure infringed infringement infringements ingenious
ingredient inherent inherently inherit inheritance inherited inhibitors initial initially initiated initiative
initiatives injection injunction injured injuries injuring injury injury-hit injury-time injustice ink inkjet inmates
inner innocence innocent innovation innovations innovative inpatient input inquiries inquiry insane insecure
insensitive inside insider insight insist insisted insistence insisting insists insolvency inspection inspector
inspectors inspiration inspirational inspire inspired inspiring instability install installation installed installing
installs instalment instance instances instant instantly instead instinctively instincts institute institution
institutions instructions instrumental instruments insulation insult insulting insults insurance insurer insurers
intact integral integrate integrated integration integrity intellectual intelligence intelligent intelligently intend
intended intending intends intense intensely intensified intensity intensive intent intention intentional
intentionally intentions interact interaction interactive interactivity intercept intercepted intercepts interest
interested interesting interests interface interfaces interfere interference interfering interim interior internal
international internationally internationals internet internet's internment interoperability interoperable interpret
interpretation interpretations interpreter interrogated interrupted interval intervene intervened intervention
interview interviewed interviews intimidated intimidating intimidation into intrigued intriguing introduce introduced
introducing introduction intruder intruders intrusion intrusive invading invariably invasion invasive invented
invention inventions inventories inventors invest invested investigate investigated investigating investigation
investigations investigators investing investment investments investor investors invisible invitation invite invited
inviting involve involved involvement involves involving ion iron ironed ironic irregular irregularities irrelevant
irrespective irresponsible irrigation irritated irritating irritation is island isn't isolated isolation issue issued
issuers issues issuing it it'll it's item items its itself jackass jacket jail jailed jails jarring jaw jazz jealous
jeopardise jet jets jewellery jibe jitters job jobless jobs jockey join joined joining joins joint jointly joke joked
journal journalism journalist journalists journals journey journeys joy joystick judge judged judgement judges judging
judgment judicial judiciary judo juggle jukebox jump jumped jumper jumping jumps jungle junior junk jurisdiction
jurors jury just justice justification justified justify justifying keen keep keeper keeping keeps kept key keyboard
keynote keypad keys keystroke keywords kick kick-off kicked kicker kickers kicking kicks kid kidney kids kill killed
killer killers killing killings kilometres kind kinds king kit kitchen kits knee knees knew knife knock knock-on
knocked knocking knockout knocks know knowing knowingly knowledge known knows kroner kronor kudos la lab label
labelled labelling labels laboratory labour labs lack lacked lacking lacklustre lacks lad ladder ladies lads lady lag
lager lagging lags laid lake land landed landing landline landlines landmark lands landscape landslide lane language
languages lap laps laptop laptops large large-scale largely larger largest laser lasers lashed last last-ditch
last-gasp last-minute lasted lasting late late-night later latest latinohiphopradio latter laughable laughing launch
launched launches launching laundering lavish law law-abiding lawful lawmakers laws lawsuit lawsuits lawyer lawyers
lay lay-off laying layout lazy lead leader leaders leadership leading leads leaf leaflet leaflets league leagues leak
leaked leaking leaks leaned leant leap leapfrog leapt learn learned learners learning learnt lease leases least leave
leaves leaving lecture lecturer lectures led left left-back left-foot left-footed left-hand left-wing leg legacy legal
legalisation legalise legality legally legend legendary legislation legislative legitimacy legitimate legs lend lender
lenders lending length lengthy lens lent less lessen lessening lessons let let's lets letter letters letting level
levelled levelling levels levy lewd liabilities liable liar libel liberal liberalisation liberalise liberating
liberation libertarian liberties liberty libraries library licence licences license licensed licensing lid lie lied
lies lieutenant life life-threatening life-time lifeline lifelong lifestyle lifestyles lifetime lift lifted lifting
lifts ligament ligaments light lighter lighting lightly lights lightweight like like-for-like likeable liked
likelihood likely likened likes liking limbo limelight limit limitations limited limiting limits limped line line-out
line-up lined liner lines linesman lining link linked linking links liquid liquidation lira list listed listen
listened listener listeners listening listing listings lists literacy literally literary literature litigation litres
little little-known live live-action lived livelihoods lively lives livid living load loaded loan loans lobbing lobby
lobbying local localised locally locate location locations lock locked locking locks lodge lodged log logged logging
logic logical login logistical logo logs lone long long-awaited long-distance long-planned long-range long-running
long-standing long-term long-time longer longer-term longest longest-serving longevity look looked looking looks
looming loop loopholes loose loose-head loosen lord lords lose loser losers loses losing loss loss-making losses lost
lot lots lottery loud love loved lovely lover lover's lovers loves low low-budget low-cost low-key low-paid lower
lowered lowering lowest lows loyal loyalty luck lucky lucrative lukewarm lull lunch lunchtime lung lure lured lurking
luxury lying lyricist lyrics machine machine's machinery machines mad made madness mafia magazine magazine's magazines
magic magical magistrates magnate magnetic magnificent magnitude mail mailed mailing mails main mainland mainly mains
mainstay mainstream maintain maintained maintaining maintains maintenance major majority majority-owned make make-up
maker makers makes making male males malfunction malicious malware mammals man manage managed management manager
manager's managerial managers manages managing mandate mandatory manifesto manifestos manipulate manipulated
manipulation manner manoeuvre manoeuvring manslaughter mantle manual manually manufacture manufactured manufacturer
manufacturers manufacturing many map mapping maps marathon march margin marginal marginally margins marine mark marked
markedly marker market market's marketed marketing marketplace markets marking marks marque marques marred marriage
marriages married marry marrying marvel marvellous masks mass masses massive massively master masters match match-day
match-winning matched matches matching material materialised materialists materials maternity mates mathematical maths
matter mattered matters mature maturity maximise maximum may maybe mayor mayors me meal meals mean meaning meaningful
meaningless means meant meantime meanwhile measure measured measures measuring meat mechanical mechanics mechanism
mechanisms medal medallist medallists medals media mediation medical medically medicine medicines medium medium-sized
meet meeting meetings meets megabit megabits megabyte megabytes megapixel megapixels melancholy member member's
members membership memorabilia memorable memorial memories memory men men's menace mental mentality mentally mention
mentioned mentions menu menus merchandise merchant mere merely merge merged merger mergers merging merit merits mess
message messages messaging messy met metal metals metatarsal method methodology methods meticulous metre metres
metropolitan micro microphone mid midday middle midfield midfielder midnight midst midway might mighty migrant
migrants migration mild milder mile miles militant military milk mill millennium million millionaire millionaires
millions mimicked mind minded mindful minds mine miner mineral mines mini mini-break minimal minimum mining minis
minister minister's ministerial ministers ministries ministry ministry's minnows minor minorities minority minus
minute minutes miracle mirror miscarriages misconception misconduct misdirected miserable misery misgivings misjudged
misjudgement misleading misled misplaced misrepresentation miss missed misses missile missing mission missions mistake
mistakes mistrust misunderstood misuse misusing mix mixed mixes mixing mixture mobi mobile mobiles mobility mock
modafinil mode model modelled modelling models modem moderate moderators modern modernise modes modest modified modify
mogul mom moment momentous moments momentum monarchy monetary money mongrel monitor monitored monitoring monitors
monopoly monster month month's month-long monthly months monumental mood moody moral moratorium more morning mortgage
mortgages mosque most mostly mother mother's mothers motion motions motivate motivated motivation motive motives motor
motorcycle motorists motto mould mount mountain mountainous mounted mounting mouse mouth move moved movement movements
moves movie movies moving mp much much-needed mud mugging multi multi-billion multi-million multilateral multimedia
multiplayer multiple multitude murder murdered murderers murders murky muscle muscles museum museums music musical
musical's musically musicals musician musicians must muted mutual mutually my myself mystery mystified mythology
nailed naive naked name named namely names naming nanny napster narrow narrowed narrowing narrowly nasty nation
nation's national nationalist nationalities nationality nationally nationals nations nationwide native natural
naturally nature navigate navigation near nearby nearly nears neat necessarily necessary necessity neck need needed
needing needless needlessly needs negative negotiate negotiated negotiating negotiation negotiations neighbour
neighbourhood neighbouring neighbours neither nerve nerves nervous net net's nets netted network network's networking
networks neutral never nevertheless new new-look newcomer newcomers newer newest newly news newsletter newspaper
newspapers next nice niche nickel nickname nicknamed nicotine niggling night night's nightclub nightmare nights nine
nine-year ninth no no-one nobody nod nods noise noises noisy nominated nomination nominations nominee nominees non
non-Champions non-EU non-US non-executive non-fiction non-profit non-traditional none nonsense nor normal normally
north northern nose nostalgia not notably notch note notebook notebooks noted notes nothing notice notices notified
notify noting notion notorious notoriously nots novel novels now nowadays nowhere nuclear nudity nuisance number
numbers numeracy numerical numerous nurse nursery nurses nursing obese obesity obey objected objectionable objections
objective objectives objects obligation obligations obliged obliges obscene obscure obscured obscurity observe
observed observers observes obsessed obsession obsessive obstacles obtain obtained obtaining obvious obviously
occasion occasional occasionally occasions occupation occupies occupy occupying occur occurred occurring odd oddities
odds of off off-loaded offence offences offended offenders offending offensive offer offered offering offerings offers
office officer officers offices official officially officials offline offload offset offshore offside often og oil
okay old old-fashioned older oldest olds oligarchs omission on on-going onboard once one one's one-click one-day
one-match one-off one-third one-time one-way one-year ones ongoing online only onrushing ons onside onslaught onto
onwards open opened opener opening openings openness opens opera operate operated operates operating operation
operational operations operator operator's operators opinion opinions opponent opponent's opponents opportunism
opportunities opportunity oppose opposed opposes opposing opposite opposition oppression opt opted optic optical
optimism optimistic opting option options or orange orchestra orchestrating ordeal order ordered ordering orderly
orders ordinary ordinated ore org organic organisation organisation's organisations organise organised organiser
organisers organising organs origin original original's originality originally originals originated origins other
other's others otherwise ought our ours ourselves oust ousted ousting out out-of-competition outbreak outbreaks
outburst outcome outcry outdated outdo outdoor outfit outgoing outing outings outlaw outlets outline outlined outlines
outlook outmoded outperformed outperforming outplayed outpouring output outrage outraged outrageous outright outset
outside outsider outsold outsourcing outspoken outstanding outstrip outstripping outweigh outweighed ovation over
overall overbooking overcame overcapacity overcome overcoming overcrowding overdose overdue overhaul overheads
overheating overlap overlooked overly overnight overplayed overrule overruling oversaw overseas oversee overseeing
overseen overshadow overshadowed oversubscribed overtake overtaken overtaking overtook overturn overturned overturning
overwhelm overwhelmed overwhelming overwhelmingly owe owed owes own owned owner owners ownership owning owns pace pack
package packages packaging packed packs pact page pager pages paid paid-for pain painful painkillers paint painted
painting paintings pair pair's paired palatable pan pan-European panda pandas pandering panel panel's panels panic
panoramic paparazzi paper papers paperwork par parallel paralysed paramount parcel parent parental parenting parents
park parking parks parliament parliamentary parody parole part part-time partial partially participant participants
participate participated participating participation particular particularly parties parting partisan partly partner
partnered partnering partners partnership partnerships parts party party's pass passage passcode passed passenger
passengers passes passing passion passive passport passports password passwords past patch patches patchy patent
patented patenting patents path pathetic patience patient patients pattern patterns pause paused pave paved pay
pay-off payers paying payment payments payout payouts payroll payrolls pays peace peaceful peacefully peak peaked
peaks peddle pedigree peer peer-to-peer peers peg pegged pelted pen penalised penalties penalty pence pencilled
pending penetration penned penny pension pensioner pensioners pensions pent pentathlon people people's peppered per
perceive perceived percent percentage perception perceptions perfect perfectly perform performance
performance-enhancing performances performed performer performer's performers performing perhaps peril period periods
peripherals permanent permanently permission permit permits permitted perpetrators persecuted persecution persist
persistent persistently person person's personal personalisation personalised personalities personality personally
personnel persons perspective persuade persuaded persuading persuasion pervasive pesos pessimistic pet petered
petition petrochemicals petrol petroleum petty pharmaceutical phase phased phenomenal phenomenally phenomenon
philosophy phishing phone phone's phone-tap phones phoney photo photograph photographer photographers photographs
photos phpBB phrase physical physically physics physio pianist piano pick picked picket picking picks picture pictured
pictures pie piece pieces pig pigs pile piled pills pilot pilots pin pink pinnacle pinned pinpoint pioneer pioneered
pioneering pioneers pipeline pipped piracy pirate pirated pirates pit pitch pitched pitches pitfalls pits pity pivotal
pixels place placed places placing plague plagued plain plan plane planes planet planks planned planning plans plant
plants plasma plaster plastic plate platform platforms plausible play play-off playable playback played player
player's player-boss players playground playing playlist playlists plays playwright playwrights plea plead pleaded
pleads pleas pleasant please pleased pleasing pleasure pledge pledged pledges pledging plenty plethora plight plot
plots plotting plough ploughed plug plugged plummet plunders plunged plus pocket pockets podcast podcasters podcasting
podcasts poems poetry point pointed pointedly pointing pointless points poised poking pole police policies policing
policy policyholders polish polished polite political politically politician politicians politics poll polled polling
polls pollution polygons pool poor poorer poorest poorly pop popping popular popularity population populations
populist porn pornographic pornography port portability portable portal portals portfolio portion portions portrait
portray portrayal portrayed portrays ports pose posed poses posing position positional positioned positions positive
positively positives possess possession possessions possibilities possibility possible possibly post post-Christmas
post-election post-match post-war postal postcards posted poster posters posthumous posting postings postponed
postponing posts potato potent potential potentially pounced pound pounds pour poured poverty power powered powerful
powering powers practical practice practices practise practising pragmatic praise praised praises pray pre pre-Budget
pre-Christmas pre-election pre-empt pre-selected pre-tax preach preaches precedent preceding precious precise
precisely precursor predecessor predecessors predict predictable predicted predicting prediction predictions predicts
predominantly prefer preferable preference preferences preferred preferring prefers pregnancy pregnant prejudice
preliminary premature prematurely premier premiere premiership premise premises premium preparation preparations
prepare prepared prepares preparing prequel prerogative presence present presentation presentations presented
presenter presenters presenting presently presents preserve preserving presidency president president's presidential
presidents press pressed presses pressing pressure pressures prestigious presumably presumption pretend pretended
pretending pretty prevail prevalence prevent preventable prevented preventing prevention preview previews previous
previously prey price priced prices pricing pride priest primarily primary prime prime-time prince prince's principal
principle principles print printed printer printers printing prints prior priorities priority prison prisoner
prisoners prisons privacy private privately privatisation privatisations privatise privilege privileged privileges
privy prize prizes pro probably probation probe probed probes problem problems procedure procedures proceed proceeding
proceedings proceeds process processed processes processing processor processors procurement produce produced producer
producer's producers produces producing product production productions productive productivity products professional
professionalism professionally professionals professor profile profit profitability profitable profited profiting
profits profound profoundly program programme programme's programmed programmer programmers programmes programming
programs progress progressed progressing prohibited prohibits project project's projected projection projections
projectors projects proliferation prolong prolonged prolonging prominence prominent prominently promise promised
promises promising promote promoted promoters promotes promoting promotion promotional promotions prompt prompted
prompting promptly proof prop propaganda propelled proper properly properties property proportion proportionate
proportionately proposal proposals propose proposed proposes proposing proposition props pros prosecute prosecuted
prosecuting prosecution prosecution's prosecutions prosecutor prosecutors prospect prospective prospects prospectus
prosper prosperity prosperous protagonists protect protected protecting protection protections protects protege
protein protest protested protester protesters protestors protests protocol prototype prototypes proud prove proved
proven proves provide provided provider providers provides providing province provinces provincial proving provision
provisional provisionally provisions provocation provoked proxy prudent psychological psychologically pub public
public's publication publications publicise publicist publicity publicly publish published publisher publishers
publishes publishing pubs pull pulled pulling pulls pulses pump pumped pumps pundit pundits punish punished punishment
punishments punk punters pupil pupils puppet purchase purchased purchases purchasing pure purely purport purporting
purpose purposes purse pursue pursued pursuing pursuit push pushed pushing put puts putting puzzle puzzles quadruple
quake qualification qualifications qualified qualifier qualifiers qualify qualifying qualities quality qualms quango
quangos quantities quarter quarter-final quarter-finals quarterly quarters quartet queried queries query quest
question questionable questioned questioning questionnaires questions quests queue queues quick quicker quickest
quickly quiet quieter quietly quirky quit quite quits quitting quiz quo quota quotas quote quoted quotes qwerty race
raced racer races racial racing racism racist rack racked racket racketeering radical radically radio radioactive
radius raft rage raided raids rail railway railways rain raining raise raised raises raising raked rallied rallies
rally rallying rampant ran ranch rand random rang range ranges ranging rank ranked ranking rankings ranks ransom rap
raped rapid rapidly rapper rapper's rappers rare rarely rarity rash ratcheting rate rate-setting rates rather
ratification ratified rating ratings rational rats rattled ravaged rave raw ray re re-drafted re-elected re-election
re-enter re-release re-released re-run reach reached reaches reaching react reacted reacting reaction reactions reacts
read reader readers readership readily reading reads ready reais real real-time realisation realise realised realising
realism realistic realistically reality really reap reaped rear reason reasonable reasonably reasoning reasons
reassurance reassure reassuring rebalancing rebanding rebate rebellion rebels rebound rebuild rebuilding rebuke recall
recalled recalling recalls receipts receive received receiver receivers receives receiving recent recently reception
recession recharge recipe recipient recipients reckless reckon reckoning reckons recognisable recognise recognised
recognises recognising recognition recommend recommendation recommendations recommended recommends reconsider
reconstruct reconstruction record record-breaking recordable recorded recorder recorders recording recordings records
recourse recover recovered recovering recovers recovery recreate recruit recruited recruiting recruitment rectify
recycled recycling red redder redirected rediscovered redistribution reduce reduced reducing reduction reductions
redundancies redundancy redundant reel reeling ref refer referee referee's refereed refereeing referees reference
references referendum referred referring refers refine refined refineries refinery refining reflect reflected
reflecting reflection reflects reform reformed reforming reforms refreshing refuge refugee refugees refund refusal
refuse refused refuseniks refuses refusing regain regained regaining regard regarded regarding regardless regards
regenerate reggae regime regiment regiments regimes region region's regional regions register registered registering
registrars registration regressive regret regrets regular regularly regulate regulated regulation regulations
regulator regulators regulatory rehabilitation rehearsal reign reigning reignite rein reinforce reinforces reinstated
reinsurance reinsurers reissued reissues reiterated reject rejected rejecting rejection rejects rejoin relate related
relating relation relations relationship relationships relative relatively relatives relaunch relax relaxation relaxed
relay relayed relays release released releases releasing relegated relegation relentless relevant reliability reliable
reliance reliant relied relief relies relieve relieved religion religions religious relishing relocate relocated
relocating reluctance reluctant rely relying remade remain remainder remained remaining remains remake remakes remark
remarkable remarks remedy remember remembered remembering remind reminded reminder remiss remit remittances remote
remotely removable removal remove removed removing renamed renationalisation renationalise render rendered rendering
rendition renew renewable renewal renewed renowned rent rental rentals rented reoffending reopen reopened reopening
reorganisation reorganised repaid repair repairs repay repayment repayments repeat repeated repeatedly repeating
repertoire replace replaced replacement replacements replaces replacing replay replays replica replied replies reply
report reported reportedly reporter reporters reporting reports represent representation representative
representatives represented representing represents reputation request requested requests require required requirement
requirements requires requiring rescheduled rescue rescued research researcher researchers researching resentment
reservations reserve reserves reshuffle residence residency resident residential residents residue resign resignation
resignations resigned resigning resigns resist resistance resisted resisting resolution resolutions resolve resolved
resort resorts resource resources respect respectable respected respectful respective respectively respects respond
responded respondents responding responds response responses responsibilities responsibility responsible responsive
rest restart restate restaurant restaurants restore restored restoring restrained restraining restraint restrict
restricted restricting restriction restrictions restrictive restructure restructuring rests result resultant resulted
resulting results resume resumed resumption resurgence resurrected resurrection retail retailer retailers retain
retained retaining retains retaliation retention rethink retire retired retirement retiring retract retraining retreat
retrieve retro retrospective return returned returning returns reunion reunite reunited reunites revaluation revaluing
revamp revamped reveal revealed revealing reveals revelation revenge revenue revenues reverse reversed review reviewed
reviewing reviews revised revision revisions revisit revitalise revival revive revolt revolution revolutionary
revolutionise revolutionised revolutionising reward rewarded rewards rewind rewrite rhetoric rhythm rib rich richer
richest rid ride ridiculed ridiculous riding rifle rifled rift rig rigged rigging right right-back right-footed
right-hand right-wing rightly rights rigid rigorous rigorously ring ringing rings ringtone ringtones riot riots rip
ripe ripped ripping rise risen rises rising risk risked risks risky rival rivalry rivals river road road-trip roadmap
roads roaming robbed robbery robot robotic robots robust rock rocked rockers rocket rocks rogue role roles roll rolled
rolling rolls romantic roof room rooms rose roster rosy rot rotate rotated roubles rough roughly round rounded rounds
rousing route routes routine routinely routines row rows royal royalties rubber rubbers rubbish ruck rude rugby
rugby's ruined rule ruled rules ruling rulings rumbled rumoured rumours run run-in run-up rundown rung runner
runner-up runners runners-up running runs runway rupee rupees rupiah rural rush rushed sack sacked sacking sad sadly
sadness safe safeguard safeguards safer safety saga said sail sailed sailing sake salaries salary sale sales salute
same sample samples sampling sanction sanctioned sanctioning sanctions sand sang sanitation sat satellite satisfaction
satisfied satisfy satisfying savages save saved saves saving savings savvy saw say saying says scale scaled scaling
scalp scam scammers scams scan scandal scandals scanned scans scant scar scare scared scares scary scathing scattered
scenario scenarios scene scene's scenes scent sceptical scepticism schedule scheduled schedules scheduling scheme
schemes scheming schizophrenic scholarship school schoolboys schools sci sci-fi science sciences scientific scientist
scientists sclerosis scooped scoops scope scorching score scored scoreline scorer scores scoring scrap scrapped
scrapping scrappy scratch screaming screen screened screening screenplay screens screensaver screenwriter script
scripted scripts scroll scrolling scrum scrum-half scrutiny sculptor sea seafarer's seafarers seal sealed sealing
seals seamless seamlessly search searched searchers searches searching seas season season's season-ending seasonal
seasonally seasons seat seats second second-biggest second-half second-largest second-string secondary secondly
seconds secret secretary secretary's secretive secretly secrets secs sectarianism section sections sector sector's
sectors secure secured securely secures securing securities security sedans see seed seeded seeds seeing seek seekers
seeking seeks seem seemed seemingly seems seen sees segment segregated seismic seize seized seizing seizure select
selected selecting selection selectors self self-belief self-titled sell sell-off sell-offs sell-out seller sellers
selling sells semi-final semi-finals seminal seminar semis senator send sending sending-off sends senior sensation
sensational sense senses sensible sensibly sensing sensitive sensitivity sensor sensors sent sentence sentenced
sentences sentencing sentiment sentimental sentiments separate separated separately sequel sequels sergeant serial
serialised series serious seriously seriousness servant servants serve served server servers serves service services
serving session sessions set set-piece set-top set-up setback sets setting settings settle settled settlement
settlements settles settling seven seven-month sevens seventh seventh-seeded seventies several severe severely sex
sexism sexist sextant sexual sexuality sexually shadow shadows shake shake-up shaken shaking shall shallow sham
shambles shame shamed shape shaped shaping share shared shareholder shareholders shareholding sharers shares sharing
sharp sharper sharply she she's shed shedding sheep sheer sheet sheets shelf shell shelves sheriff shield shift
shifted shifting shifts shine shines shining shiny ship shipments shipped shipping ships shirt shock shocked shocking
shocks shook shoot shooter shooting shop shoppers shopping shops shore short short-lived short-range short-term
shortage shortages shortened shorter shortfall shortlist shortlisted shortlists shortly shorts shot shots should
shoulder shoulders shouldn't shout shouted shouting shove show show's showbusiness showcase showcased showcases
showcasing showdown showed showing shown shows shredding shrine shrinking shrugged shrunk shuffle shut shy sick side
side's sidelined sidelines sides siege sight sights sign signal signalled signals signature signatures signed
significance significant significantly signing signs silence silent silicon silk silly silver silverware similar
similarly simple simpler simplest simplify simply simulate simulating simulation simultaneously sin-binned since
sincerely sing singer singer's singers singing single single-handedly singled singles sinister sink sinking sister
sisters sit sitcom site site's sites sits sitting situation situations six six-cylinder six-month six-year
six-year-old sixth size sizeable sized sizes sketch skies skill skilled skills skin skip skipper sky sky-high slack
slam slammed slams slap slash slashed slates slaughter slavery slaves sleek sleep sleeper sleeping slender slew slice
sliced slick slid slide slides sliding slight slightly slim slimline slimmer slimming slip slipped slipping slogan
slopping sloppy slot slots slotted slow slowdown slowed slower slowest slowing slowly slows sluggish slump slumped
slumping slurry sly smacks small smaller smallest smart smartcard smartcards smarter smartphone smartphones smash
smashed smear smell smile smiles smiley smiling smoke smokers smoking smooth smoothly smuggling snacks snake snap
snapped snaps snatched sneak snooker snow snub so so-called soap soar soared soaring soccer social socially societies
society soft soften softer software soil sold sold-out soldier soldiers sole solely solicit solicitor solid solo
solution solutions solve solved solving some somebody someday somehow someone something sometime sometimes somewhat
somewhere son son's son-in-law song songs songwriter songwriters songwriting sons soon sooner sophisticated
sophistication sorry sort sorted sorts sought soul soulful sound soundbite sounded sounds soundtrack souped sour
source sources south southern sovereign sovereignty space spaces spam spammer spammers spamming spanning spare spared
spark sparked sparking sparks spat spawned speak speaker speakers speaking speaks spec special specialised specialist
specialists specially specials specific specifically specifications specifics specified specify spectacular spectator
spectators spectrum speculate speculated speculating speculation speech speeches speed speeded speeding speeds speedy
spell spelling spells spend spending spends spent spider spiky spill spilled spin spin-off spinal spinning spiralling
spirit spirits spiritual spite spitting splash split split-capital splits splitting spoke spoken spokesman
spokesperson spokeswoman sponsor sponsored sponsors sponsorship spoof spoon sport sport's sporting sports sportsman
spot spotlight spots spotted spotting sprawling spread spreading spree spring springboard springing sprint sprinted
sprinter sprinters sprinting spun spur spurned spurred sputtering spy spying spyware squabbles squabbling squad squads
squandered square squashed squeeze squeezed stabbed stabilise stabilising stability stable stadium staff stage staged
stages staggering stagnant stagnate stagnated stagnation stain stairs stake staked stakeholders stakes stalemate
stalking stall stalwarts stamp stamping stance stand stand-in stand-off stand-up standard standards standby standing
standpoint stands staple star star's staring stark starred starring stars start started starting starts state state's
state-controlled state-owned state-run stated statement statements states static stating station station's stations
statistical statistics stats statuette stature status statute statutory stay stayed staying stays stead steadfastly
steadily steady steal stealing stealth steam steel steep steer steering stellar stem stemmed stemming stems step
stepped stepping steps stereo stereotype stereotypes stereotypical sterling steroid steroids stick sticking stiff
stifle still stimulant stimulate stimulating stint stir stock stock-market stocking stockpile stockpiles stocks stoke
stole stolen stomach stone stood stooge stop stoppage stopped stopping stops storage store stored stores stories storm
stormed storms story storyline straight straightforward strain strained strains stranded strange stranger stranglehold
strategic strategies strategist strategists strategy streak streaking stream streamed streaming streams street streets
strength strengthen strengthened strengthening stress stressed stressing stretch stretched stretches stretching strict
strictly stride strides strike striker strikers strikes striking string stringent stripped striving stroke strong
stronger strongest strongly struck structural structure structures struggle struggled struggles struggling stubborn
stuck student students studied studies studio studios study studying stuff stuffed stumbled stumbling stunning stunt
stunts stupid stuttering style styles stylus subdued subject subjected subjects sublime submission submissions submit
submitted subscribe subscribers subscription subscriptions subsequent subsequently subsidiaries subsidiary subsidies
subsidised subsidising subsidy substance substances substantial substantially substitute subtlety suburbs succeed
succeeded succeeding success successes successful successfully succession successive successor such suck sucked
sucking sudden suddenly sue sued sues suffer suffered sufferers suffering suffers sufficient sufficiently suffix sugar
suggest suggested suggesting suggestion suggestions suggests suicide suing suit suitable suite suited suitor suitors
suits sum summary summer summer's summit sums sun sung sunset super superb superbly supercomputer supercomputers
supercomputing superhero superior supermarket supermodel supernatural superstar supervisory supplements supplied
supplier suppliers supplies supply support supported supporter supporters supporting supportive supports suppose
supposed supposedly suppress supremacy supreme supremo suprnova surcharge sure surely surf surface surfaces surfers
surfing surge surged surgeries surgery surging surpass surpassed surplus surpluses surprise surprised surprises
surprising surprisingly surreal surrender surreptitious surreptitiously surround surrounded surrounding surroundings
surrounds surveillance survey surveyed surveys survival survive survived surviving survivors suspect suspected
suspects suspend suspended suspension suspensions suspicion suspicions suspicious suspiciously sustain sustainability
sustainable sustained sustaining swap swapped swappers swapping swear swearing sweep sweeping sweeps sweet sweeteners
swell swelling swept swift swiftly swing swinging switch switched switches switching swung symbol symbolic symbols
sympathetically sympathy symptoms syncing synergies system systematically systems table tabled tables tabloid tabloids
tackle tackled tackles tackling tactic tactical tactically tactics tag tagged tagging tags tailored tainted take
take-up taken takeover takes taking takings tale talent talented talents talk talked talking talks tall tally tank
tanks tap tape tapes tapped target targeted targeting targets tariff tariffs task tasks taste tastes tattoo tattoos
taught taunting tax taxation taxed taxes taxi taxpayer taxpayers tea teach teacher teachers teaching teachings team
team's team-mate team-mates teamed teams tear tears tech technical technically technicians technique techniques
technological technologies technology technology-dominated tedious teen teenage teenager teenagers teetering teeth
teething telco telcos telecom telecommunication telecommunications telecoms telephone telephoned telephones
telephoning telephony televised television television's televisions tell telling tells temperature temperatures
tempered temporarily temporary tempt temptation tempted tempting ten tenants tend tended tendencies tender tendon
tends tenfold tennis tens tense tension tensions tenth tenure teraflops term terminals termination terms terrestrial
terrible terrific terrified territories territory terror terrorised terrorism terrorist terrorists test testament
tested testify testimonial testimonies testimony testing tests text text-based textbook textbooks textile textiles
texting texts textual textures than thank thanked thankful thanks that that's the theatre theatres theatrical theft
their theirs them theme themed themes themselves then theoretically theory therapy there there's thereby therefore
these they they'd they'll they're they've thieves thigh thin thing things think think-tank thinking thinks thinner
third third-biggest third-largest third-round thirds thirst this thorough thoroughly those though thought thoughts
thousand thousands thrashed threat threaten threatened threatening threatens threats three three-Test three-day
three-judge three-month three-quarters three-year threshold thresholds threw thrill thrilled thriller thrilling thrive
throne through throughout throw throwing thrown throws thrust thumb thumbs thumped thus thwart thwarted ticket tickets
ticking tidal tide tie tie-break tie-breaks tie-up tiebreak tied tier ties tiger tight tight-head tighten tightened
tightening tighter tightest tighthead tightly till time timed timeless timely times timescale timetable timing tin
tinker tiny tip tipped tipping tips tired tissue title titled titles to tobacco today today's toe together toilet
toilets told tolerance toll tomorrow tomorrow's tone tongue tonight tonnes too took tool toolbar toolkit tools top
top-class top-up topic topics topped topping toppled tops tore torn torrid torture tortured total totalled totalling
totally touch touchdown touched touches touching touchline tough tougher toughest toughness tour toured touring
tourism tourist tourists tournament tournaments tours touted toward towards town towns toxic toy toys trace traced
tracing track tracked tracker trackers tracking tracks tracts trade traded trademark trader traders trading tradition
traditional traditionally traditions traffic trafficking tragedy tragic trail trailblazer trailed trailer trailing
trails train trained trainer trainers training trains transaction transactions transatlantic transfer transferred
transferring transform transformation transformed transforming transistor transition transitional translate translated
translates translating transmission transmit transmits transmitted transmitter transparency transparent transplant
transport transportation trap trapped trauma travel travelled traveller travellers travelling travels travesty
treadmill treasury treat treated treating treatment treatments treaty tree tremendous tremor tremors trend trends
trial trialled trialling trials tribunal tribunals tribute trick tricked trickery tricks tricky tried tries trigger
triggered trillion trilogy trim trimmed trimming trio trip triple tripled tripped triumph triumphed triumphing trivial
trojan troops trophies trophy trouble troubled troubles truancy truants truce truck trucks true truly trumpet trust
trusted truth try trying tsunami tsunami-hit tsunami-related tsunamis tube tuition tumbled tune tuned tunes tunnel
turbulent turf turn turnaround turned turning turnout turnover turns tussle tv tweaked twice twin twins twist twisted
two two-day two-goal two-horse two-hour two-thirds two-time two-year tycoon tycoons type types typical typically
tyranny ubiquitous ugly uk ultimate ultimately ultra ultraviolet umbrella umpire unable unacceptable unaccompanied
unaffected unanimous unanimously unassailable unauthorised unavailable unaware unbeaten unbiased unbundling uncapped
uncertain uncertainties uncertainty unchanged uncle unclear uncomfortable uncover uncovered uncut undecided under
under-age undercover underdogs underestimate underestimating undergo undergoing underground underline underlined
underlying undermine undermined undermines undermining underneath underpin understand understandable understandably
understanding understands understated understood undertake undertaken undertaking undervalued underway undisclosed
undoubted undoubtedly unedited unemployed unemployment unexpected unexpectedly unfair unfairly unfairness unfavourable
unfolds unforced unfortunate unfortunately unfounded unfriendly unguarded unhappy unhealthy unheralded unidentified
unified uniform unintentional union unions unique uniquely unit unite united units unity universal universe
universities university unjustified unknown unlawful unleashed unless unlike unlikely unlimited unlocked unlucky
unmarked unmissable unnamed unnecessary unofficial unpaid unpatched unplayable unpopular unprecedented unpredictable
unprotected unrealistic unreasonable unrelated unreleased unremittingly unrest unruly unseasonably unseeded unsettled
unsettling unskilled unsolicited unspecified unstoppable unsubstantiated unsuccessful unsuccessfully unsuitable unsure
unsustainable unthinkable until untrue unusable unused unusual unusually unveil unveiled unveiling unveils unwanted
unwelcome unwilling up up-and-coming up-to-date upbeat upcoming update updated updates updating upgrade upgraded
upgrades upgrading upheld uphill upload uploaded upon upped upper upright ups upset upsetting upside upstairs upsurge
upswing uptake upturn upward upwards uranium urban urge urged urgency urgent urgently urges urging urine us usability
usable usage use used useful useless user user's usernames users uses ushered using usual usually utilise utilising
utilities utility utterly vacant vacation vaccine vague valid validated valuable valuation value valued values valuing
van vandals vanity vans variant variants variation varied variety various vary varying vast vastly vault vaulter
vehicle vehicles vendor vendors venerable venture ventures venue venues verbal verdict verge verify versa versatile
version versions versus very veteran veterans veto via viability viable vibrant vice vice-captain vice-chairman
vice-president vicious victim victims victor victories victors victory video videos vied view viewed viewer viewer's
viewers viewing viewpoint views vigorously village villagers villages villain vintners vinyl violate violated
violating violation violations violence violent virtual virtually virus viruses visa visas visible vision visit
visited visiting visitor visitor's visitors visits visual visually visuals vital vivid vocabulary vocal vocals
vocational vociferous vociferously voice voiced voices volatile volatility volley volume volumes voluntarily voluntary
volunteers von vote voted voter voters votes voting vouchers vow vowed vulnerabilities vulnerability vulnerable vying
wadis wage wages wait waited waiting waits wake walk walked walking walkout walkouts walks wall wallets walls
wandering waning want wanted wanting wants war ward wardrobe warehouse wares warez warfare warm warm-up warming warmly
warmth warn warned warning warnings warns warrant warrior wars wartime wary was wash washed wasn't waste wasted
wasteful wasting watch watchdog watchdog's watchdogs watched watchers watches watching water waters watershed wave
wavelength waves way ways wayward we we'd we'll we're we've weak weaken weakened weakening weaker weakness weaknesses
wealth wealthy weapon weapons wear wearable wearing weather web web-based webcam webcast weblog weblogs webpage
webpages website website's websites wedding weddings week week's week-long weekend weekend's weekly weeks weighed
weighing weight weird welcome welcomed welcoming welfare well well-being well-known went were weren't west western wet
what what's whatever whatsoever wheel wheelchair wheels when whenever where whereabouts whereas whereby wherever
whether which while whilst whim whingeing whip whipped whisky whistle whistleblowers white whittled who who's whoever
whole wholeheartedly wholesale wholly whom whose why wi wi-fi wide wide-ranging widely widen widened widening wider
widespread widow widower wife wild wildcard wildly will willing willingness win wind windfall window winds wine
winemaker wing winger wings winner winner's winners winning wins winter wipe wiped wireless wirelessly wires wisdom
wise wisely wish wished wishes wishful wishing with with-profits withdraw withdrawal withdrawing withdrawn withdrew
withheld withholding within without witness witnessed witnesses witty woeful woefully woes woken woman woman's women
women's won won't wonder wondered wonderful wondering wonders woo wooden wooing word worded wording words wore work
workable worked worker workers workforce working workings workplace workplaces works workstations world world's
world-class worlds worldwide worm worms worn worried worries worry worrying worse worsen worsened worst worst-affected
worst-hit worth worthless worthwhile worthy would would-be wouldn't wound wounded wounds wow wowed wrangling wrap
wreck wrecked wrist wrists wristwatch write writer writer-director writers writes writing written wrong wrongdoing
wrongful wrongly wrongs wrote www xxx yards year year's year-long year-old year-on-year yearly years yellow yen yes
yesterday yet you you'd you'll you're you've young younger youngest youngster youngsters your yourself youth yuan zero
zinc zombie zombies zone zones zoom
`;
