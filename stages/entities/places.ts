/**
 * Place gazetteer as plain data. Kept as compact strings (one record per line) rather than big
 * object literals so the file stays readable and parses fast at module load.
 *
 * COUNTRIES lines: `Name|demonym,adjectival,...|alias,alias` — aliases map to the name (canonical).
 * Demonyms are not entities themselves ("Russian" tags nothing) but tell the tagger a title
 * follows ("Russian President ...") and are stripped before names.
 */

const COUNTRIES = `
Afghanistan|Afghan,Afghans|
Albania|Albanian,Albanians|
Algeria|Algerian,Algerians|
Andorra|Andorran|
Angola|Angolan,Angolans|
Antigua and Barbuda|Antiguan|
Argentina|Argentine,Argentinian,Argentinians|
Armenia|Armenian,Armenians|
Australia|Australian,Australians|
Austria|Austrian,Austrians|
Azerbaijan|Azerbaijani,Azeri,Azerbaijanis|
Bahamas|Bahamian|The Bahamas
Bahrain|Bahraini,Bahrainis|
Bangladesh|Bangladeshi,Bangladeshis|
Barbados|Barbadian|
Belarus|Belarusian,Belarusians|
Belgium|Belgian,Belgians|
Belize|Belizean|
Benin|Beninese|
Bhutan|Bhutanese|
Bolivia|Bolivian,Bolivians|
Bosnia and Herzegovina|Bosnian,Bosnians|Bosnia
Botswana|Botswanan,Motswana|
Brazil|Brazilian,Brazilians|
Brunei|Bruneian|
Bulgaria|Bulgarian,Bulgarians|
Burkina Faso|Burkinabe|
Burundi|Burundian|
Cambodia|Cambodian,Cambodians|
Cameroon|Cameroonian,Cameroonians|
Canada|Canadian,Canadians|
Cape Verde|Cape Verdean|Cabo Verde
Central African Republic|Central African|CAR
Chad|Chadian|
Chile|Chilean,Chileans|
China|Chinese|PRC,People's Republic of China,Mainland China
Colombia|Colombian,Colombians|
Comoros|Comorian|
Congo|Congolese|Republic of the Congo,Democratic Republic of the Congo,DRC,DR Congo
Costa Rica|Costa Rican|
Croatia|Croatian,Croat,Croats|
Cuba|Cuban,Cubans|
Cyprus|Cypriot,Cypriots|
Czech Republic|Czech,Czechs|Czechia
Denmark|Danish,Dane,Danes|
Djibouti|Djiboutian|
Dominican Republic|Dominican,Dominicans|
Ecuador|Ecuadorian,Ecuadorean|
Egypt|Egyptian,Egyptians|
El Salvador|Salvadoran,Salvadorean|
Equatorial Guinea|Equatoguinean|
Eritrea|Eritrean,Eritreans|
Estonia|Estonian,Estonians|
Eswatini|Swazi|Swaziland
Ethiopia|Ethiopian,Ethiopians|
Fiji|Fijian|
Finland|Finnish,Finn,Finns|
France|French,Frenchman|
Gabon|Gabonese|
Gambia|Gambian|The Gambia
Georgia|Georgian,Georgians|
Germany|German,Germans|
Ghana|Ghanaian,Ghanaians|
Greece|Greek,Greeks|
Grenada|Grenadian|
Guatemala|Guatemalan,Guatemalans|
Guinea|Guinean|
Guinea-Bissau|Bissau-Guinean|
Guyana|Guyanese|
Haiti|Haitian,Haitians|
Honduras|Honduran,Hondurans|
Hungary|Hungarian,Hungarians|
Iceland|Icelandic,Icelander,Icelanders|
India|Indian,Indians|
Indonesia|Indonesian,Indonesians|
Iran|Iranian,Iranians|Islamic Republic of Iran
Iraq|Iraqi,Iraqis|
Ireland|Irish|Republic of Ireland
Israel|Israeli,Israelis|
Italy|Italian,Italians|
Ivory Coast|Ivorian|Côte d'Ivoire,Cote d'Ivoire
Jamaica|Jamaican,Jamaicans|
Japan|Japanese|
Jordan|Jordanian,Jordanians|
Kazakhstan|Kazakh,Kazakhstani,Kazakhs|
Kenya|Kenyan,Kenyans|
Kiribati|I-Kiribati|
Kosovo|Kosovar,Kosovan|
Kuwait|Kuwaiti,Kuwaitis|
Kyrgyzstan|Kyrgyz|
Laos|Lao,Laotian|
Latvia|Latvian,Latvians|
Lebanon|Lebanese|
Lesotho|Basotho|
Liberia|Liberian,Liberians|
Libya|Libyan,Libyans|
Liechtenstein|Liechtensteiner|
Lithuania|Lithuanian,Lithuanians|
Luxembourg|Luxembourgish,Luxembourger|
Madagascar|Malagasy|
Malawi|Malawian|
Malaysia|Malaysian,Malaysians|
Maldives|Maldivian|
Mali|Malian|
Malta|Maltese|
Marshall Islands|Marshallese|
Mauritania|Mauritanian|
Mauritius|Mauritian|
Mexico|Mexican,Mexicans|
Micronesia|Micronesian|
Moldova|Moldovan,Moldovans|
Monaco|Monegasque|
Mongolia|Mongolian,Mongolians|
Montenegro|Montenegrin|
Morocco|Moroccan,Moroccans|
Mozambique|Mozambican|
Myanmar|Burmese|Burma
Namibia|Namibian|
Nauru|Nauruan|
Nepal|Nepali,Nepalese|
Netherlands|Dutch|Holland,The Netherlands
New Zealand|New Zealander,Kiwi|
Nicaragua|Nicaraguan|
Niger|Nigerien|
Nigeria|Nigerian,Nigerians|
North Korea|North Korean,North Koreans|DPRK
North Macedonia|Macedonian|Macedonia
Norway|Norwegian,Norwegians|
Oman|Omani|
Pakistan|Pakistani,Pakistanis|
Palau|Palauan|
Palestine|Palestinian,Palestinians|State of Palestine,Palestinian Territories
Panama|Panamanian|
Papua New Guinea|Papua New Guinean|
Paraguay|Paraguayan|
Peru|Peruvian,Peruvians|
Philippines|Filipino,Filipinos,Philippine|The Philippines
Poland|Polish,Pole,Poles|
Portugal|Portuguese|
Qatar|Qatari,Qataris|
Romania|Romanian,Romanians|
Russia|Russian,Russians|Russian Federation
Rwanda|Rwandan,Rwandans|
Saint Lucia|Saint Lucian|
Samoa|Samoan|
San Marino|Sammarinese|
Saudi Arabia|Saudi,Saudis|KSA
Senegal|Senegalese|
Serbia|Serbian,Serb,Serbs|
Seychelles|Seychellois|
Sierra Leone|Sierra Leonean|
Singapore|Singaporean,Singaporeans|
Slovakia|Slovak,Slovakian|
Slovenia|Slovenian,Slovene|
Solomon Islands|Solomon Islander|
Somalia|Somali,Somalis|
South Africa|South African,South Africans|
South Korea|South Korean,South Koreans|Republic of Korea,ROK
South Sudan|South Sudanese|
Spain|Spanish,Spaniard,Spaniards|
Sri Lanka|Sri Lankan,Sri Lankans|
Sudan|Sudanese|
Suriname|Surinamese|
Sweden|Swedish,Swede,Swedes|
Switzerland|Swiss|
Syria|Syrian,Syrians|
Taiwan|Taiwanese|Republic of China
Tajikistan|Tajik,Tajiks|
Tanzania|Tanzanian,Tanzanians|
Thailand|Thai,Thais|
Timor-Leste|Timorese|East Timor
Togo|Togolese|
Tonga|Tongan|
Trinidad and Tobago|Trinidadian|
Tunisia|Tunisian,Tunisians|
Turkey|Turkish,Turk,Turks|Türkiye,Turkiye
Turkmenistan|Turkmen|
Tuvalu|Tuvaluan|
Uganda|Ugandan,Ugandans|
Ukraine|Ukrainian,Ukrainians|
United Arab Emirates|Emirati,Emiratis|UAE,U.A.E.
United Kingdom|British,Briton,Britons|UK,U.K.,Britain,Great Britain
United States|American,Americans|US,U.S.,USA,U.S.A.,America,United States of America
Uruguay|Uruguayan|
Uzbekistan|Uzbek,Uzbeks|
Vanuatu|Ni-Vanuatu|
Vatican City|Vatican|Holy See,Vatican
Venezuela|Venezuelan,Venezuelans|
Vietnam|Vietnamese|Viet Nam
Yemen|Yemeni,Yemenis|
Zambia|Zambian,Zambians|
Zimbabwe|Zimbabwean,Zimbabweans|
England|English,Englishman|
Scotland|Scottish,Scot,Scots|
Wales|Welsh|
Northern Ireland|Northern Irish|
Hong Kong|Hongkonger|
Macau|Macanese|Macao
Tibet|Tibetan,Tibetans|
Crimea|Crimean|
Kurdistan|Kurdish,Kurd,Kurds|
Chechnya|Chechen,Chechens|
Greenland|Greenlandic|
Puerto Rico|Puerto Rican|
`;

/** Capitals, major world cities and news-frequent towns. `Name|alias,alias`. */
const CITIES = `
Kabul|Herat|Kandahar|Tirana|Algiers|Luanda|Buenos Aires|Yerevan|Canberra|Sydney|Melbourne|Brisbane|Perth
Vienna|Baku|Manama|Dhaka|Minsk|Brussels|Antwerp|La Paz|Sarajevo|Brasilia|Brasília|Sao Paulo|São Paulo|Rio de Janeiro
Sofia|Phnom Penh|Yaounde|Ottawa|Toronto|Montreal|Vancouver|Calgary|Santiago|Bogota|Bogotá|Havana|Nicosia|Prague
Copenhagen|Cairo|Alexandria|Tallinn|Addis Ababa|Helsinki|Paris|Marseille|Lyon|Nice|Libreville|Tbilisi|Berlin|Munich|Hamburg
Frankfurt|Cologne|Bonn|Accra|Athens|Budapest|Reykjavik|New Delhi|Delhi|Mumbai|Kolkata|Chennai|Bangalore|Bengaluru|Hyderabad
Jakarta|Bali|Tehran|Isfahan|Baghdad|Basra|Mosul|Erbil|Dublin|Jerusalem|Tel Aviv|Haifa|Eilat|Gaza|Rafah|Ramallah|Rome|Milan|Naples
Venice|Florence|Turin|Kingston|Tokyo|Osaka|Kyoto|Hiroshima|Nagasaki|Fukushima|Amman|Astana|Almaty|Nairobi|Mombasa|Pristina|Kuwait City
Bishkek|Vientiane|Riga|Beirut|Tripoli|Benghazi|Vilnius|Kuala Lumpur|Valletta|Mexico City|Guadalajara|Monterrey|Tijuana|Chisinau
Ulaanbaatar|Ulan Bator|Podgorica|Rabat|Casablanca|Maputo|Naypyidaw|Yangon|Rangoon|Kathmandu|Amsterdam|Rotterdam|The Hague|Wellington
Auckland|Managua|Niamey|Abuja|Lagos|Pyongyang|Skopje|Oslo|Muscat|Islamabad|Karachi|Lahore|Panama City|Asuncion|Lima|Manila
Warsaw|Krakow|Lisbon|Porto|Doha|Bucharest|Moscow|St. Petersburg|Saint Petersburg|Novosibirsk|Yekaterinburg|Vladivostok|Kazan
Sochi|Kaliningrad|Murmansk|Grozny|Kigali|Riyadh|Jeddah|Mecca|Medina|Dakar|Belgrade|Freetown|Mogadishu|Johannesburg|Pretoria
Cape Town|Durban|Seoul|Busan|Juba|Madrid|Barcelona|Seville|Valencia|Colombo|Khartoum|Stockholm|Bern|Geneva|Zurich|Basel|Davos
Lausanne|Damascus|Aleppo|Homs|Idlib|Raqqa|Taipei|Dushanbe|Dodoma|Dar es Salaam|Bangkok|Tunis|Ankara|Istanbul|Izmir|Ashgabat
Kampala|Kyiv|Kiev|Kharkiv|Odesa|Odessa|Lviv|Mariupol|Donetsk|Luhansk|Bakhmut|Zaporizhzhia|Kherson|Abu Dhabi|Dubai|Sharjah
London|Manchester|Birmingham|Liverpool|Leeds|Glasgow|Edinburgh|Cardiff|Belfast|Oxford|Cambridge|Bristol
Washington|Washington D.C.|New York|New York City|Los Angeles|Chicago|Houston|Phoenix|Philadelphia|San Antonio
San Diego|Dallas|San Jose|Austin|San Francisco|Seattle|Denver|Boston|Detroit|Atlanta|Miami|Las Vegas|Orlando|New Orleans|Baltimore
Pittsburgh|Cleveland|Minneapolis|St. Louis|Portland|Sacramento|Honolulu|Anchorage|Nashville|Memphis|Irving|Brooklyn|Manhattan
Montevideo|Tashkent|Samarkand|Caracas|Hanoi|Ho Chi Minh City|Saigon|Sanaa|Aden|Hodeidah|Lusaka|Harare|Beijing|Peking|Shanghai
Guangzhou|Shenzhen|Chongqing|Tianjin|Wuhan|Chengdu|Nanjing|Xi'an|Hangzhou|Harbin|Lanzhou|Urumqi|Lhasa|Kunming|Xiamen|Dalian|Qingdao
Macau|Singapore|Hong Kong|Vatican City|Monaco|Luxembourg|Jerusalem|Mexico City|Strasbourg|Luxembourg City
`;

/** Regions, provinces, states, continents, seas and geographic areas common in news. */
const REGIONS = `
Europe|Asia|Africa|North America|South America|Latin America|Central America|Oceania|Antarctica|Arctic|Antarctic
Middle East|Near East|Far East|West Asia|Central Asia|South Asia|Southeast Asia|East Asia|Asia-Pacific|Indo-Pacific
Eastern Europe|Western Europe|Central Europe|Northern Europe|Southern Europe|Balkans|Caucasus|North Caucasus|Scandinavia
Sahel|Horn of Africa|North Africa|West Africa|East Africa|Southern Africa|Sub-Saharan Africa|Maghreb|Levant|Gulf|Persian Gulf
Global South|Global North|Siberia|Far East|Urals|Donbas|Donbass|Kursk|Belgorod|Bryansk|Chukotka|Kamchatka|Yakutia|Tatarstan
West Bank|Gaza Strip|Golan Heights|Sinai|Negev|Galilee|Kashmir|Punjab|Bengal|Kerala|Tamil Nadu|Gujarat|Maharashtra|Uttar Pradesh
Gansu|Xinjiang|Guangdong|Sichuan|Yunnan|Hubei|Hunan|Henan|Hebei|Shandong|Shanxi|Shaanxi|Jiangsu|Zhejiang|Fujian|Guangxi
Guizhou|Anhui|Jiangxi|Liaoning|Jilin|Heilongjiang|Inner Mongolia|Ningxia|Qinghai|Hainan
Gansu Province|Sichuan Province|Guangdong Province|Yunnan Province|Hubei Province|Xinjiang Uygur Autonomous Region
Ontario|Quebec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|Bavaria|Saxony|Catalonia|Andalusia|Basque Country
Lombardy|Sicily|Sardinia|Tuscany|Corsica|Normandy|Brittany|Provence|Flanders|Wallonia|Transnistria|Abkhazia|South Ossetia
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas
Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire
New Jersey|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota
Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin|Wyoming|Silicon Valley|Wall Street|Capitol Hill|Pentagon
Queensland|New South Wales|Victoria|Tasmania|Western Australia|Darfur|Tigray|Kurdistan Region|Anbar|Helmand|Balochistan
Mediterranean|Mediterranean Sea|Black Sea|Red Sea|Caspian Sea|Baltic Sea|South China Sea|East China Sea|North Sea|Arabian Sea
Atlantic|Atlantic Ocean|Pacific|Pacific Ocean|Indian Ocean|Arctic Ocean|Strait of Hormuz|Taiwan Strait|Bosphorus|Suez Canal
Panama Canal|Himalayas|Alps|Andes|Amazon|Nile|Yangtze|Mekong|Danube|Volga|Sahara|Korean Peninsula|Arabian Peninsula|Scotland
Lampedusa|Java|Sumatra|Borneo|Aceh|Mindanao|Luzon|Okinawa|Hokkaido|Crimea|Kaliningrad Oblast|Moscow Region|Primorye|Zaporizhzhia Oblast
`;

/** Multi-word aliases of places that are not country aliases (canonical on the left). */
const PLACE_ALIASES = `
Washington|Washington D.C.,Washington DC
New York|New York City,NYC
Kyiv|Kiev
Saint Petersburg|St. Petersburg,St Petersburg
`;

export interface CountryRecord {
  name: string;
  demonyms: string[];
  aliases: string[];
}

function parseCountries(src: string): CountryRecord[] {
  const out: CountryRecord[] = [];
  for (const line of src.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    const [name, dem = '', al = ''] = t.split('|');
    const split = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
    out.push({ name, demonyms: split(dem), aliases: split(al) });
  }
  return out;
}

function parseBars(src: string): string[] {
  return src
    .split(/[|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const COUNTRY_RECORDS: CountryRecord[] = parseCountries(COUNTRIES);
export const CITY_NAMES: string[] = parseBars(CITIES);
export const REGION_NAMES: string[] = parseBars(REGIONS);
export const PLACE_ALIAS_RECORDS: Array<[canonical: string, aliases: string[]]> = PLACE_ALIASES.split('\n')
  .map((l) => l.trim())
  .filter(Boolean)
  .map((l) => {
    const [c, a] = l.split('|');
    return [c, a.split(',').map((x) => x.trim())];
  });
