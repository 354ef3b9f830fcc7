// Package readability measures how plain a breach-notification letter is
// and checks its tone, in English, French, Italian, Russian and Chinese
// (Simplified). The audit runs it over every letter it re-reads; what it
// finds are warnings for a reviewer, never failures.
//
// Analyze takes a letter's text, as extracted from its PDF or as the
// plain-text email part, and returns a Report: sentence, word, syllable and
// letter counts, the language's readability index against its threshold,
// the sentences over the language's length limit, the hedging phrases
// found, and whether the letter apologises, owns the failure and gives
// numbered steps. Report.Warnings turns these into Warning values with
// stable codes (CodeReadability, CodeLongSentence, CodeHedge,
// CodeNoApology, CodeNoNumberedSteps) and English
// messages. The package does no I/O.
//
// # Readability indexes and thresholds
//
// The thresholds were chosen from the sources below for "plain enough for
// the general public" before the shipped letters were measured, and are
// not adjusted to them.
//
//   - English: Flesch reading ease, 206.835 − 1.015·(words/sentences) −
//     84.6·(syllables/words). Flesch, R. (1948), "A new readability
//     yardstick", Journal of Applied Psychology 32(3):221–233, gives the
//     bands 90–100 very easy, 80–90 easy, 70–80 fairly easy, 60–70
//     standard, 50–60 fairly difficult, 30–50 difficult, 0–30 very
//     difficult; "standard" is the plain style of mass-circulation
//     magazines. Threshold: at least 60, the bottom of "standard" (plain
//     English; Microsoft's readability guidance likewise asks 60–70 of
//     standard documents), not 50, which is already "fairly difficult".
//   - French: Kandel–Moles reading ease, 207 − 1.015·(words/sentences) −
//     73.6·(syllables/words). Kandel, L. & Moles, A. (1958), "Application
//     de l'indice de Flesch à la langue française", Cahiers Études de
//     Radio-Télévision 19:253–274: Flesch's formula refitted to French so
//     that his scale and bands apply. Threshold: at least 60, as English.
//   - Italian: Gulpease index, 89 + (300·sentences − 10·letters)/words.
//     Lucisano, P. & Piemontese, M. E. (1988), "GULPEASE: una formula per
//     la predizione della difficoltà dei testi in lingua italiana", Scuola
//     e città, n. 3, March 1988: a text scoring below 80 is hard for readers with
//     primary schooling only, below 60 for readers with lower secondary
//     schooling (licenza media), below 40 for readers with upper secondary
//     schooling. Threshold: at least 60, readable by an adult who left
//     school after lower secondary, as a large part of the general public
//     did.
//   - Russian: Flesch reading ease in Oborneva's adaptation, 206.835 −
//     1.3·(words/sentences) − 60.1·(syllables/words). Оборнева, И. В.
//     (2006), «Автоматизированная оценка сложности учебных текстов на
//     основе статистических параметров», диссертация канд. пед. наук,
//     Москва: Flesch's coefficients refitted to Russian word and sentence
//     lengths so that his scale and bands apply. Threshold: at least 60,
//     as English.
//   - Chinese: no standard readability index exists for Chinese (research
//     formulas, e.g. for teaching materials, need word segmentation and
//     graded word lists). The package uses the average number of
//     characters per sentence, the factor that all of them share, with a
//     threshold derived from Flesch: his "standard" style averages 17 words
//     per sentence (Flesch 1948), and an English text of 1,000 words runs
//     to about 1,500–1,700 Chinese characters in translation (translators'
//     rule of thumb), i.e. about 1.6 characters per word: 17 × 1.6 ≈ 27.
//     Threshold: at most 27 characters per sentence. Characters are Han
//     characters (and other full-width letters and digits); a run of Latin
//     letters or digits ("Acme", "2026", a URL) counts as one, being read
//     as one unit.
//
// # Long sentences
//
// A sentence is reported when it is longer than:
//
//   - 25 words in English, French and Italian: GOV.UK's style guide
//     ("Sentence length: why 25 words is our limit", Government Digital
//     Service, 2014) and the Australian Government Style Manual ("keep
//     sentences to an average of 15 words and no more than 25"). The same
//     limit serves French, whose Kandel–Moles index keeps Flesch's weight
//     for sentence length, and Italian, whose guides for official writing
//     also ask for short sentences (ITTIG-CNR & Accademia della Crusca,
//     Guida alla redazione degli atti amministrativi, 2011, "Brevità del
//     periodo");
//   - 20 words in Russian: Russian has no articles or auxiliary verbs, so
//     the same sentence has fewer, longer words; Oborneva's refit weighs a
//     Russian word 1.3/1.015 ≈ 1.28 times an English one, and 25 / 1.28 ≈
//     19.5;
//   - 40 characters in Chinese: 25 words × 1.6 characters per word.
//
// # Hedges, apology, ownership, numbered steps
//
// phrases.toml lists, per language, the hedging phrases (evasive or
// minimising wording common in breach notices: "may have been",
// "potentially", "out of an abundance of caution", "we take your privacy
// seriously", "no evidence of misuse", "sophisticated attack" and their
// usual equivalents), the wording of an apology and the wording that owns
// the failure. Matching ignores case, treats ’ as ' and ё as е, and needs
// whole words except in Chinese (substrings); a trailing "*" matches any
// ending. Numbered steps are list items numbered 1 and 2 at least, written
// "1." "1)" "(1)" "1、" "一、" "（一）" or "①".
//
// # What is measured
//
// Flesch asked that only running text be tested, without titles,
// headings, section and paragraph numbers, captions, date lines or
// signatures (Flesch, R. (1979), How to Write Plain English, ch. 2).
// Analyze therefore measures the body between the salutation and
// the sign-off when it finds them, leaves out page-number footers and
// headings (one-line titles without final punctuation), drops list
// markers, and counts each list item as at least one sentence (an item
// such as "your email address" is read as a unit). Other counting rules,
// also Flesch's: contractions, hyphenated words, numbers, abbreviations,
// URLs and email addresses count as one word, and figures, abbreviations
// and symbols as one syllable. Departures from Flesch's counting, all of
// which lengthen sentences and so never flatter a letter: only . ! ? and …
// (and, in Chinese, 。！？；) end a sentence, not colons, semicolons or
// dashes.
//
// Syllables are counted by rule: exactly in Russian (one per vowel
// letter), by vowel groups with the mute endings of spoken French, and by
// an English heuristic with a list of exceptions; the English and French
// counts are estimates, good to a few percent on running text.
package readability
