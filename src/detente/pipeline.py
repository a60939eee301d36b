"""Wires the stages: raw documents → clean → NLP → quotes → actors → events → Result.

Documents go through spaCy in batches (`nlp.pipe`); results come out in input order. A document
that fails at any stage becomes a Result with `errors` and no article; the batch goes on.
Dictionaries and lexicons load once, when the Pipeline is built (once per worker process).
"""

from __future__ import annotations

import datetime
import logging
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

from spacy.language import Language

from detente import actors, events, quotes
from detente.clean import clean
from detente.dates import check_published, dateline_date, name_date, parse_date
from detente.errors import DetenteError, Errors
from detente.nlp import NlpOutput, analyse, load_model, required_components
from detente.recode import coder_version
from detente.records import ErrorRecord, IngestFailure, RawDocument, Result, document_id
from detente.settings import Settings

log = logging.getLogger(__name__)

# The language the model and the stages read. A document detected in another language keeps
# its clean text and `language` and gets no sentences, quotes, actors or events: an English
# model reads the common words of German or Indonesian text as names ("Die", "ePA" → the US EPA).
CODED_LANGUAGE = "en"

# What the stages read from a Doc: it decides which model components run.
READS: tuple[str, ...] = tuple(
    dict.fromkeys(("sentences", "entities", *quotes.READS, *actors.READS, *events.READS))
)


def read_by_model(result: Result) -> bool:
    """Whether the model and the stages read `result`'s body: it has one, in English or too
    short to tell (`CODED_LANGUAGE`)."""
    return result.article is not None and result.article.language in (None, CODED_LANGUAGE)


class Pipeline:
    """The document pipeline. Build once (loads the model), then `run()` over any stream."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        keep_raw: bool = False,
        published: str | None = None,
        date_from_name: bool = False,
        dictionaries: Sequence[str | Path] = (),
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.keep_raw = keep_raw
        self.published = check_published(published)
        self.date_from_name = date_from_name
        self._nlp: Language | None = None
        self.cue_lexicon = quotes.load_lexicon()
        self.actor_dictionary = actors.load_actor_dictionary([Path(p) for p in dictionaries])
        self.verbs = events.load_verb_dictionary()
        self.event_coder = events.coder_named(self.settings.event_coder, self.verbs)
        # what every Result this pipeline codes records as the coder that made it
        self.coder_version = coder_version(self.settings, dictionaries)

    @property
    def nlp(self) -> Language:
        """The model, loaded on first use (once per process: `load_model` caches it)."""
        if self._nlp is None:
            self._nlp = load_model(self.settings.spacy_model, required_components(READS))
        return self._nlp

    def prepare(self, item: RawDocument | IngestFailure) -> Result:
        """Everything before the NLP stage: a Result with an article, or with errors."""
        if isinstance(item, IngestFailure):
            return Result(
                id=None, source=item.source, errors=[ErrorRecord(item.stage, item.message)]
            )
        result = Result(id=item.id, source=item.source, content_hash=item.content_hash)
        try:
            article = clean(item, keep_raw=self.keep_raw)
        except DetenteError as exc:
            result.errors.append(ErrorRecord(exc.stage, str(exc)))
            return result
        article.published = self._published(item, article.published, article.text)
        result.article = article
        if self._fits(result):
            result.id = document_id(item.id, article.text)
        return result

    def _fits(self, result: Result) -> bool:
        """False, the article dropped and E203 recorded, when its body is over the NLP stage's
        limit."""
        assert result.article is not None
        chars, limit = len(result.article.text), self.settings.max_document_chars
        if chars <= limit:
            return True
        message = Errors.E203.format(path=result.source.key, chars=chars, limit=limit)
        result.errors.append(ErrorRecord("clean", message))
        result.article = None
        return False

    def _published(self, item: RawDocument, given: str | None, text: str) -> str | None:
        """The publication date: the user's, else the source's (HTML metadata, a JSONL, feed or
        WARC field), else a dateline with its year, else (asked for) one in the file name."""
        found = self.published or parse_date(given) or dateline_date(text)
        if found is None and self.date_from_name and item.source.path:
            found = name_date(Path(item.source.path).name)
        return found

    def run(self, items: Iterable[RawDocument | IngestFailure]) -> Iterator[Result]:
        """Results in input order; memory is bounded by one batch."""
        stream = iter(items)
        while batch := [self.prepare(item) for item in islice(stream, self.settings.batch_size)]:
            yield from self._annotate(batch)

    def recode(self, batch: list[Result]) -> list[Result]:
        """The model and the stages after it again, on Results that hold their clean article
        already (stored documents: nothing is fetched or cleaned again); in input order."""
        for result in batch:
            self._fits(result)
        return self._annotate(batch)

    def _annotate(self, batch: list[Result]) -> list[Result]:
        """Each document's stages run as soon as the model is done with it, so the Docs alive at
        a time are one model call's (at most MAX_CALL_TOKENS tokens) and the pieces of the
        document being joined (a 1,000,000-character body runs in pieces over several calls)."""
        ready: list[Result] = []
        for result in batch:
            if read_by_model(result):
                ready.append(result)
            elif result.article is not None:
                result.coder = self.coder_version  # nothing of it to code: not behind
        texts = [r.article.text for r in ready if r.article is not None]
        outputs = analyse(self.nlp, texts, batch_size=self.settings.batch_size)
        attached = 0
        try:
            for result, output in zip(ready, outputs, strict=True):
                self._attach(result, output)
                attached += 1
        except DetenteError:
            raise  # the model itself cannot run: nothing in the batch could succeed
        except Exception:
            # One document broke the batch: redo the rest one by one so the failure stays with it.
            log.debug("batch failed in the NLP stage; retrying documents one by one", exc_info=True)
            for result in ready[attached:]:
                self._annotate_one(result)
        return batch

    def _annotate_one(self, result: Result) -> None:
        assert result.article is not None
        try:
            output = next(analyse(self.nlp, [result.article.text]))
        except DetenteError:
            raise
        except Exception as exc:
            message = Errors.E303.format(
                path=result.source.key, detail=f"{type(exc).__name__}: {exc}"
            )
            result.errors.append(ErrorRecord("nlp", message))
            result.article = None
            return
        self._attach(result, output)

    def _attach(self, result: Result, output: NlpOutput) -> None:
        """The stages after the model; an unexpected failure fails this document only."""
        assert result.article is not None
        result.sentences = output.sentences
        result.entities = output.entities
        doc = output.doc
        published = (
            datetime.date.fromisoformat(result.article.published)
            if result.article.published
            else None
        )
        stage = "quotes"
        try:
            found = quotes.attribute_quotes(doc, lexicon=self.cue_lexicon)
            stage = "actors"
            findings = actors.code_actors(
                doc, self.actor_dictionary, published=published, speakers=found.speakers
            )
            stage = "events"
            coded = self.event_coder.code(doc, findings, quotes=found.quotes, published=published)
        except Exception as exc:
            detail = f"{type(exc).__name__}: {exc}"
            message = Errors.E501.format(path=result.source.key, stage=stage, detail=detail)
            result.errors.append(ErrorRecord(stage, message))
            result.article = None
            return
        result.quotes = found.quotes
        result.actors = findings.actors
        starts = [sentence.start for sentence in result.sentences]
        for event in coded:
            # index into Result.sentences (trimmed, cut at blank lines), not spaCy's doc.sents
            event.sentence = max(0, bisect_right(starts, event.evidence.start) - 1)
        result.events = coded
        result.coder = self.coder_version
