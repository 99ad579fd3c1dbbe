// The nlp.js language packages ship no type declarations; only their stemmers are used.
declare module "@nlpjs/lang-pl/src/stemmer-pl" {
  export default class StemmerPl { stemWord(word: string): string }
}
declare module "@nlpjs/lang-en-min/src/stemmer-en" {
  export default class StemmerEn { stemWord(word: string): string }
}
declare module "@nlpjs/lang-de/src/stemmer-de" {
  export default class StemmerDe { stemWord(word: string): string }
}
declare module "@nlpjs/lang-cs/src/stemmer-cs" {
  export default class StemmerCs { stemWord(word: string): string }
}
