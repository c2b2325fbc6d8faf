/**
 * Organisation gazetteer. One record per line: `Canonical|alias,alias,...`.
 *
 * Canonical-name rule for acronyms: when an organisation is best known by its acronym (NATO,
 * BRICS, UN, WHO...), the acronym is canonical and the expansion is an alias; otherwise the full
 * name is canonical and the acronym an alias. Acronyms defined in a document but unknown here
 * ("Full Name (FN)") link to the full name (see canonical.ts).
 */
const ORGS = `
NATO|North Atlantic Treaty Organization,North Atlantic Treaty Organisation,North Atlantic Alliance
BRICS|
UN|United Nations,U.N.
UN Security Council|United Nations Security Council,UNSC,Security Council
UN General Assembly|United Nations General Assembly,UNGA,General Assembly
UNESCO|United Nations Educational, Scientific and Cultural Organization
UNICEF|United Nations Children's Fund
UNHCR|United Nations High Commissioner for Refugees,UN Refugee Agency
UNRWA|United Nations Relief and Works Agency
EU|European Union,E.U.
European Commission|EC
European Parliament|
European Central Bank|ECB
WHO|World Health Organization,World Health Organisation
IMF|International Monetary Fund
World Bank|
WTO|World Trade Organization,World Trade Organisation
G20|G-20,Group of Twenty
G7|G-7,Group of Seven
G8|G-8
Shanghai Cooperation Organization|SCO,Shanghai Cooperation Organisation
OPEC|Organization of the Petroleum Exporting Countries
OPEC+|
ASEAN|Association of Southeast Asian Nations
APEC|Asia-Pacific Economic Cooperation
OSCE|Organization for Security and Co-operation in Europe,Organization for Security and Cooperation in Europe
African Union|AU
Arab League|League of Arab States
OECD|Organisation for Economic Co-operation and Development,Organization for Economic Cooperation and Development
ICC|International Criminal Court
ICJ|International Court of Justice,World Court
IAEA|International Atomic Energy Agency
Interpol|
CSTO|Collective Security Treaty Organization
EAEU|Eurasian Economic Union
GCC|Gulf Cooperation Council
Red Cross|International Committee of the Red Cross,ICRC
Amnesty International|
Human Rights Watch|
Greenpeace|
Hamas|
Hezbollah|Hizbollah
Taliban|
Islamic State|ISIS,ISIL,Daesh
al-Qaeda|al-Qaida,Al Qaeda,Al-Qaeda
Houthis|Ansarallah
Gazprom|
Rosneft|
Lukoil|
Rosatom|
Roscosmos|
Sberbank|
Huawei|
Alibaba|
Tencent|
Sinopec|
PetroChina|
China National Petroleum Corporation|CNPC
Apple|Apple Inc.
Google|Alphabet
Microsoft|
Amazon.com|
Facebook|Meta
Twitter|
Tesla|
Boeing|
Airbus|
Samsung|
Toyota|
Reuters|
TASS|ITAR-TASS
RIA Novosti|RIA
Sputnik|
RT|Russia Today,Rt News,RT News
Xinhua|Xinhua News Agency
CGTN|
Global Times|
People's Daily|
CCTV|
BBC|British Broadcasting Corporation
CNN|
AP|Associated Press
AFP|Agence France-Presse
Bloomberg|
MENAFN|
Al Jazeera|
New York Times|The New York Times
Washington Post|The Washington Post
Wall Street Journal|The Wall Street Journal
Financial Times|
The Guardian|
Wikinews|
Wikipedia|
Kremlin|
White House|
Congress|US Congress,U.S. Congress
Senate|US Senate,U.S. Senate
House of Representatives|
State Department|US State Department,U.S. State Department,Department of State
Pentagon|Department of Defense
FBI|Federal Bureau of Investigation
CIA|Central Intelligence Agency
NSA|National Security Agency
NASA|National Aeronautics and Space Administration
Federal Reserve|Fed
Supreme Court|
Communist Party of China|Chinese Communist Party,CPC,CCP
United Russia|
Duma|State Duma
Democratic Party|Democrats
Republican Party|Republicans,GOP
Labour Party|Labour
Conservative Party|Tories,Conservatives
Liberal Democrats|Lib Dems,Liberal Democrat Party
IRGC|Islamic Revolutionary Guard Corps
Wagner Group|Wagner
Bundestag|
Knesset|
Ministry of Foreign Affairs|Foreign Ministry
Ministry of Defense|Defense Ministry,Defence Ministry
FIFA|
UEFA|
IOC|International Olympic Committee
Olympics|Olympic Games
`;

export const ORG_RECORDS: Array<[canonical: string, aliases: string[]]> = ORGS.split('\n')
  .map((l) => l.trim())
  .filter(Boolean)
  .map((l) => {
    const bar = l.indexOf('|');
    const canonical = l.slice(0, bar);
    const rest = l.slice(bar + 1);
    // UNESCO's expansion contains a comma; everything else is comma-separated.
    const aliases = canonical === 'UNESCO' ? [rest] : rest.split(',').map((x) => x.trim()).filter(Boolean);
    return [canonical, aliases];
  });
