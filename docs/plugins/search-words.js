/* The site's search worker: Material's own (named by ?worker=), with one change. A Japanese
 * query is split into words the way the index's text is, before Material searches for it.
 *
 * In the browser, Material splits the pages' Japanese text into words with TinySegmenter
 * (lunr.segmenter): 手書き数字 is indexed as 手書き and 数字. A query is not split so, only its
 * runs of kanji are (手書, 数字), against the words of the index, so 手書き数字 found nothing.
 * Only queries with kana are split here: a query in kanji alone (Chinese, or 勾配降下法) is
 * left to Material, which finds it. This listener runs before Material's, which reads the
 * same message object: Material's messages are { type, data }, a query has type 2 (QUERY)
 * and its text as data. docs/plugins/README.md lists this among the touches of internals. */

const QUERY = 2
const KANA = /[\p{sc=Hiragana}\p{sc=Katakana}]/u
const JAPANESE_RUN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー]+/gu

addEventListener("message", event => {
  const message = event.data
  if (message.type === QUERY && typeof message.data === "string")
    message.data = splitJapanese(message.data)
})

function splitJapanese(query) {
  const segmenter = self.lunr && self.lunr.segmenter
  if (!segmenter || !KANA.test(query))
    return query
  return query.replace(JAPANESE_RUN, run => segmenter.segment(run).join(" "))
}

importScripts(new URL(location.href).searchParams.get("worker"))
