import { foldText } from "@/lib/text/fold";

/** Words that carry no meaning for retrieval, in the languages buyers write in (folded). */
const STOPWORDS = new Set(
  (
    "a aby ale albo bo by byc czy dla do gdy go i ich ile im jak jaka jaki jakie jest juz lub ma mam mi mnie moge moj moja mozna na nam nas nie o od oraz po pod przez sa sie tak tam ten to tu ty w we wam z za ze zeby co kiedy prosze dziekuje pozdrawiam dzien dobry witam czesc pan pani panstwo bardzo jeszcze robic zrobic chce chcialbym chcialabym potrzebuje mozecie wiem tez" +
    " the an and are be can could do does for from have hello hi how i if in is it me my of on or please thanks thank to what when where which will with would you your" +
    " der die das und ich sie wie ist nach zu den ein eine einen hallo bitte danke mit fur von auf" +
    " je jak se na do mi dobry den kolik prosim dekuji muzu"
  ).split(" "),
);

export function queryTokens(query: string): string[] {
  const tokens = foldText(query).match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(tokens.filter((t) => t.length >= 2 && !STOPWORDS.has(t)))].slice(0, 30);
}

/**
 * A crude stem for inflected languages without a stemmer: drop the last one or two
 * letters of longer words and match as a prefix (zwrotu → zwro:*, wysylki → wysyl:*).
 */
export function stemPrefix(token: string): string {
  if (/^\d+$/.test(token)) return token;
  if (token.length >= 7) return `${token.slice(0, token.length - 2)}:*`;
  if (token.length >= 5) return `${token.slice(0, token.length - 1)}:*`;
  return token.length === 4 ? `${token}:*` : token;
}
