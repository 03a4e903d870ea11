// Word lists the extractor's rules and proposals share. Pure data: no regular expressions that
// belong to one rule family, and nothing that runs.

export const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  dozens: 24,
};
export const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
/** Plural nouns that follow a number but measure nothing. */
export const NOT_UNITS = new Set([
  'others',
  'ones',
  'times',
  'sides',
  'parts',
  'ways',
  'things',
  'reasons',
  'aspects',
  'terms',
  'cases',
  'is',
  'was',
  'has',
  'this',
  'its',
  'his',
  'as',
  'us',
  'across',
  'always',
  'perhaps',
  'besides',
  'towards',
  'afterwards',
  'sometimes',
  'thus',
  'plus',
  'less',
  'unless',
  'whereas',
  'various',
  'previous',
  'serious',
  'numerous',
  'famous',
  'dangerous',
  'yes',
]);

export const DEMONYMS: Record<string, string> = {
  'North Korean': 'north-korea',
  'South Korean': 'south-korea',
  Korean: 'korea',
  Chinese: 'china',
  Russian: 'russia',
  Japanese: 'japan',
  American: 'united-states',
  Ukrainian: 'ukraine',
  British: 'united-kingdom',
  Mongolian: 'mongolia',
  Vietnamese: 'vietnam',
  Taiwanese: 'taiwan',
  Iranian: 'iran',
  Syrian: 'syria',
  Cuban: 'cuba',
  Indian: 'india',
};
export const DEMONYM_PLURALS = ['North Koreans', 'South Koreans', 'Koreans', 'Russians', 'Americans', 'Ukrainians', 'Japanese', 'Chinese'];

/** Words that end an organization's name ("… bureau", "… Ministry"), as a regular-expression alternation. */
export const ORG_HEADS =
  'bureau|office|committee|department|agency|administration|commission|council|authority|ministry|directorate|police|court|bank|company|corporation|association|union|federation|institute|party';
export const PLACE_SUFFIX = '(province|Province|county|County|city|City|prefecture|Prefecture|district|District|region|Region)';
export const PLACE_SUFFIX_PLURAL = '(provinces|Provinces|counties|Counties|cities|Cities|districts|Districts)';
/** A capitalized word, as a regular-expression fragment. */
export const CAP_WORD = "\\p{Lu}[\\p{L}'’-]*";

/** Words that open a sentence or qualify a name but are not names themselves. */
export const STOP_PROPER = new Set([
  'The',
  'A',
  'An',
  'In',
  'On',
  'At',
  'But',
  'And',
  'Or',
  'While',
  'After',
  'Before',
  'Most',
  'Many',
  'Some',
  'Others',
  'Reports',
  'Signs',
  'This',
  'That',
  'These',
  'Those',
  'It',
  'They',
  'He',
  'She',
  'We',
  'As',
  'If',
  'When',
  'Since',
  'Mr',
  'Ms',
  'Mrs',
  'Dr',
  'Sept',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  ...MONTH_NAMES,
]);

export const KOREAN_SURNAMES =
  'Kim|Lee|Yi|Ri|Rhee|Park|Pak|Choi|Choe|Jung|Jeong|Chung|Kang|Cho|Jo|Yoon|Yun|Jang|Chang|Lim|Im|Han|Oh|Seo|Shin|Sin|Kwon|Hwang|Ahn|An|Song|Ryu|Yoo|Hong|Jeon|Jon|Ko|Moon|Mun|Yang|Son|Bae|Baek|Paek|Heo|Nam|Ju|Chae|Kil|Ryang|Ro|Noh';
/** Words that make a name-like run a place or an institution ("Kim Il Sung Square"), as an alternation. */
export const NAME_BLOCKERS_ALT =
  'Square|Street|Bridge|River|Mountain|Mount|University|Stadium|Station|Airport|Hospital|Market|Hotel|Park|Avenue|Road|Hall|Party|Province|County|City|District|Museum|Academy|School|Order|Prize|Foundation';
export const NAME_BLOCKERS = new Set(NAME_BLOCKERS_ALT.split('|'));

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Words before a number that say it is not exact ("about 10 soldiers", "at least 15 people"),
 * longest first; kept in the entity's name. ("over" is not one: "over two weeks" is a span of time.)
 */
export const QUANTITY_QUALIFIERS = [
  'an estimated',
  'as many as',
  'as much as',
  'as few as',
  'as little as',
  'approximately',
  'more than',
  'less than',
  'fewer than',
  'at least',
  'at most',
  'close to',
  'roughly',
  'around',
  'nearly',
  'almost',
  'about',
  'up to',
  'some',
];

/** Currencies written as words after a number, by the unit they are stored under. */
export const CURRENCY_WORDS: Record<string, string> = {
  dollars: 'dollars',
  dollar: 'dollars',
  yuan: 'yuan',
  renminbi: 'yuan',
  won: 'won',
  yen: 'yen',
  euros: 'euros',
  euro: 'euros',
  rubles: 'rubles',
  roubles: 'rubles',
  pounds: 'pounds',
};
/** Currency signs before a number, by unit. */
export const CURRENCY_SIGNS: Record<string, string> = { US$: 'dollars', $: 'dollars', '€': 'euros', '£': 'pounds', '₩': 'won' };

/** Plural nouns without a final "s" that count people or things after a number ("15 people"). */
export const IRREGULAR_PLURALS = ['people', 'men', 'women', 'children', 'personnel', 'police', 'crew', 'cattle', 'livestock', 'aircraft'];

/**
 * Words that cannot stand between a number and what it counts ("3 soldiers were killed", "the
 * rate rose 5 percent in May"): function words, auxiliaries and pronouns.
 */
export const NOT_COUNT_MODIFIERS = new Set([
  'a',
  'an',
  'the',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'from',
  'by',
  'with',
  'into',
  'than',
  'and',
  'or',
  'but',
  'nor',
  'as',
  'per',
  'each',
  'who',
  'which',
  'that',
  'this',
  'these',
  'those',
  'there',
  'here',
  'were',
  'was',
  'is',
  'are',
  'be',
  'been',
  'had',
  'has',
  'have',
  'did',
  'do',
  'does',
  'will',
  'would',
  'could',
  'should',
  'may',
  'might',
  'must',
  'can',
  'not',
  'no',
  'it',
  'its',
  'they',
  'their',
  'them',
  'he',
  'his',
  'she',
  'her',
  'we',
  'our',
  'you',
  'ago',
  'earlier',
  'later',
  'after',
  'before',
  'since',
  'until',
  'during',
  'while',
  'when',
  'where',
  'if',
  'said',
  'says',
]);

/**
 * Titles before a person's name ("Foreign Minister Wang Yi", "spokesperson Guo Jiakun", "Col. Lee
 * Sung-jun"), as a regular-expression alternation: the word right before the name is enough.
 */
export const PERSON_TITLES =
  'President|Vice President|Premier|Prime Minister|Minister|Chairman|Chairwoman|Secretary|Secretary-General|Governor|Mayor|Ambassador|Envoy|Senator|Sen\\.|Rep\\.|General|Gen\\.|Lt\\.|Col\\.|Maj\\.|Capt\\.|Adm\\.|Sgt\\.|Marshal|Commander|Leader|leader|Chief|Spokesperson|Spokesman|Spokeswoman|spokesperson|spokesman|spokeswoman|Mr\\.|Ms\\.|Mrs\\.|Dr\\.|Mr|Ms|Mrs|Dr|Prof\\.|Professor|Judge|Justice|King|Queen|Prince|Princess|Pope|Director|Commissioner|Deputy|Speaker';
/** Title words, which are never a name or part of one on their own ("President", "Foreign Minister"). */
export const TITLE_WORDS = new Set([
  'President',
  'Vice',
  'Premier',
  'Prime',
  'Minister',
  'Ministers',
  'Foreign',
  'Defense',
  'Defence',
  'Unification',
  'Chairman',
  'Chairwoman',
  'Secretary',
  'Secretary-General',
  'Governor',
  'Mayor',
  'Ambassador',
  'Envoy',
  'Senator',
  'General',
  'Marshal',
  'Commander',
  'Leader',
  'Chief',
  'Deputy',
  'Director',
  'Spokesperson',
  'Spokesman',
  'Spokeswoman',
  'Professor',
  'Judge',
  'Justice',
  'Speaker',
  'Commissioner',
  'Supreme',
  'First',
  'Lady',
  'Col',
  'Gen',
  'Lt',
  'Maj',
  'Capt',
  'Adm',
  'Sgt',
]);

/** Nouns for what a person is, after a name and a comma ("Ahn Chan-il, a former soldier"). */
export const PERSON_ROLES =
  'professor|analyst|researcher|fellow|scholar|expert|economist|lawmaker|legislator|politician|diplomat|official|spokesman|spokesperson|spokeswoman|director|head|chief|manager|executive|founder|chairman|president|minister|secretary|adviser|advisor|envoy|ambassador|commander|general|officer|soldier|defector|activist|journalist|reporter|editor|writer|author|lawyer|trader|businessman|businesswoman|farmer|worker|student|resident|teacher|doctor|pastor|member|leader|governor|mayor|sister|brother|wife|husband|son|daughter|mother|father|niece|nephew|aunt|uncle';

/** The last word of an event's name, not a person, place or organization ("Korean War"). */
export const EVENT_HEADS = new Set([
  'War',
  'Wars',
  'Games',
  'Olympics',
  'Cup',
  'Festival',
  'Crisis',
  'Revolution',
  'Uprising',
  'Incident',
  'Day',
]);

/** Capitalized last words of an organization's name ("Koryo Tours", "Stimson Center"), as an alternation. */
export const ORG_NAME_HEADS =
  'Institute|Institution|University|College|Academy|Group|Radio|Tours|Center|Centre|Foundation|Endowment|Council|Agency|Administration|Association|Society|Service|Command|Court|Railways|Railway|Airlines|Airways|Corporation|Company|Bank|Fund|Party|Commission|Committee|Ministry|Bureau|Department|Office|Federation|Union|Alliance|Network|Organization|Organisation|Forum|Coalition|Movement|Authority|Times|Post|Herald|Television|Broadcasting|Programme|Program|Industries|Aerospace|Electronics|Motors|Holdings|Shipbuilding|Team|Treasury|Board|Ilbo|Sinmun|Shimbun|Daily|News|Journal|Gazette|Tribune|Fleet|Corps';

/** Capitalized heads that open an organization's name before "of" or "for" ("Board of Audit and Inspection", "Institute for Peace …"), as an alternation. */
export const ORG_LEAD_HEADS =
  'Ministry|Department|Bureau|Office|Committee|Commission|Board|Council|Agency|Administration|Institute|Academy|Center|Centre|Foundation|Federation|Association|Bank|General Staff|Chamber|Directorate|Service|University|College';

/** Armed services after a country's name ("Japan Coast Guard", "Republic of Korea Army"), as an alternation. */
export const ARMED_SERVICE_HEADS =
  'Army|Navy|Air Force|Coast Guard|Marine Corps|Marines|Self-Defense Force|Self-Defense Forces|Self-Defence Force|Self-Defence Forces|Armed Forces|Border Guard|Border Guards|Space Force|Strategic Force|Strategic Forces|Rocket Force';

/** Nouns after a name and a comma that say it is an organization ("RasonConTrans, the joint venture that …"). */
export const ORG_ROLES =
  'company|firm|venture|operator|carrier|airline|agency|group|organization|organisation|institute|think tank|newspaper|broadcaster|daily|outlet|bank|university|lender|manufacturer|maker|conglomerate|exporter|importer|shipper|charity|ministry|council|court|committee';

/** Capitalized last words of a place's name ("Sino-Korean Friendship Bridge", "Military Demarcation Line"), as an alternation. */
export const PLACE_NAME_HEADS =
  'Bridge|River|Sea|Strait|Island|Islands|Peninsula|Line|Zone|Airport|Dam|Lake|Bay|Mountain|Mountains|Square|Valley|Plain|Reservoir|Canal|Harbor|Harbour';

/** Portfolios that name no one government's body without a country ("Foreign Ministry", "Defense Ministry"). */
const PORTFOLIOS = new Set([
  'Foreign',
  'Defense',
  'Defence',
  'Finance',
  'Trade',
  'Commerce',
  'Interior',
  'Justice',
  'Health',
  'Education',
  'Agriculture',
  'Culture',
  'Labor',
  'Labour',
  'Environment',
  'Industry',
  'Energy',
  'Transport',
  'Home',
]);
/** "Foreign Ministry", "Defense Department": a portfolio and a ministry, which could be any country's. */
export const isGenericBody = (words: string[]) =>
  words.length === 2 && PORTFOLIOS.has(words[0] ?? '') && (words[1] === 'Ministry' || words[1] === 'Department');
