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
