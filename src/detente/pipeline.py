"""Wires the stages: raw documents → clean → NLP → Result, one failure never stopping the rest.

Documents go through spaCy in batches (`nlp.pipe`); results come out in input order. A document
that fails at any stage becomes a Result with `errors` and no article.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language

from detente.clean import clean
from detente.dates import check_published, parse_date
from detente.errors import DetenteError, Errors
from detente.nlp import NlpOutput, analyse, load_model, required_components
from detente.records import ErrorRecord, IngestFailure, RawDocument, Result, document_id
from detente.settings import Settings

log = logging.getLogger(__name__)

# What the enabled stages read from a Doc; later stages (quotes, events) add "parse" and "lemmas".
READS: tuple[str, ...] = ("sentences", "entities")


class Pipeline:
    """The document pipeline. Build once (loads the model), then `run()` over any stream."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        keep_raw: bool = False,
        published: str | None = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.keep_raw = keep_raw
        self.published = check_published(published)
        self._nlp: Language | None = None

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
        article.published = self.published or parse_date(article.published)
        limit = self.settings.max_document_chars
        if len(article.text) > limit:
            message = Errors.E203.format(path=item.source.key, chars=len(article.text), limit=limit)
            result.errors.append(ErrorRecord("clean", message))
            return result
        result.article = article
        result.id = document_id(item.id, article.text)
        return result

    def run(self, items: Iterable[RawDocument | IngestFailure]) -> Iterator[Result]:
        """Results in input order; memory is bounded by one batch."""
        stream = iter(items)
        while batch := [self.prepare(item) for item in islice(stream, self.settings.batch_size)]:
            yield from self._annotate(batch)

    def _annotate(self, batch: list[Result]) -> list[Result]:
        ready = [r for r in batch if r.article is not None]
        try:
            outputs = list(
                analyse(
                    self.nlp,
                    (r.article.text for r in ready if r.article is not None),
                    batch_size=self.settings.batch_size,
                )
            )
        except DetenteError:
            raise  # the model itself cannot run: nothing in the batch could succeed
        except Exception:
            # One document broke the batch: redo them one by one so the failure stays with it.
            log.debug("batch failed in the NLP stage; retrying documents one by one", exc_info=True)
            for result in ready:
                self._annotate_one(result)
            return batch
        for result, output in zip(ready, outputs, strict=True):
            _attach(result, output)
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
        _attach(result, output)


def _attach(result: Result, output: NlpOutput) -> None:
    result.sentences = output.sentences
    result.entities = output.entities
